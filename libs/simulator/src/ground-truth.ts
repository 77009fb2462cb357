import type { BadFrameKind } from './bad-frames';
import type { WearRates } from './degradation';
import type { EngineSelector, FailureModeCode } from './failure-modes';
import type { SensorFault } from './sensor-faults';

/** A failure mode as injected into one engine. Cycles count flight cycles since new. */
export interface InjectedFailure {
  assetId: string;
  tenant: string;
  code: FailureModeCode;
  /** Index into `GroundTruth.injections`. */
  injection: number;
  onsetCycle: number;
  failureCycle: number;
  /** Wall-clock times the simulation reaches those cycles; null when time does not advance cycles. */
  onsetAt: string | null;
  failureAt: string | null;
  /** Health loss the mode adds at failure, in the component's own unit. */
  amplitude: number;
}

export interface RecordedSensorFault extends SensorFault {
  tenant: string;
  /** First and last frame the fault actually touched, as emitted; null until it does. */
  firstTs: string | null;
  lastTs: string | null;
}

export interface RecordedBadFrame {
  assetId: string;
  tenant: string;
  seq: number;
  ts: string;
  kind: BadFrameKind;
}

export interface EngineTruth {
  assetId: string;
  tenant: string;
  badBatch: boolean;
  wearRates: WearRates;
  /** Cycles since new at simulation start. */
  startCycle: number;
  egtMarginAtStart: number;
  /** Cycle at which natural wear alone would use up the EGT margin. */
  naturalEndOfLifeCycle: number;
}

/** Everything the simulator did on purpose, for tests and model evaluation to score against. */
export interface GroundTruth {
  version: 1;
  seed: number;
  /** Seq of every engine's first frame. */
  seqBase: number;
  startedAt: string;
  cyclesPerSecond: number;
  badBatches: string[];
  badBatchFactor: number;
  injections: Array<{ code: FailureModeCode; selector: EngineSelector; onsetAfter: { min: number; max: number }; lifeCycles: { min: number; max: number }; assetIds: string[] }>;
  failures: InjectedFailure[];
  sensorFaults: RecordedSensorFault[];
  badFrames: { rate: number; count: number; recorded: RecordedBadFrame[]; truncated: boolean };
  engines: EngineTruth[];
}
