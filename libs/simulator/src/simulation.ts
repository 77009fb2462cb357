import { BAD_BATCH_FACTOR, EGT_RISE_PER_FAN_LOSS, EGT_RISE_PER_HPC_LOSS, addHealth, egtRise, faultSeverity, naturalHealth, wearRates, type HealthState, type WearRates } from './degradation';
import { ENGINE_TYPES, type EngineRecord, type FleetRegistry } from './engine.model';
import { FAILURE_MODES, matchesSelector, type FailureInjection } from './failure-modes';
import type { EngineTruth, GroundTruth, InjectedFailure, RecordedBadFrame, RecordedSensorFault } from './ground-truth';
import { deriveSeed, Prng } from './prng';
import { applySensorFault, planSensorFault } from './sensor-faults';
import { senseReadings, sensorProfile, type SensorProfile } from './sensor-model';
import { SENSORS } from './sensors';
import { isBadFrame, makeBadFrame, type BadFrame } from './bad-frames';

export interface SimulationOptions {
  seed: number;
  /** Epoch ms at which the simulation starts; cycles advance from here with time. */
  startMs: number;
  /** Flight cycles simulated per second of frame time (the CLI's --accelerate). */
  cyclesPerSecond: number;
  injections?: FailureInjection[];
  /** Fraction of engines that get one sensor fault. */
  sensorFaultRate?: number;
  /** Fraction of frames replaced by invalid payloads. */
  badFrameRate?: number;
  /** Build batches whose engines wear faster (the "bad batch"). */
  badBatches?: string[];
  /**
   * The seq of each engine's first frame. Ingest drops any seq not above the last it stored for an
   * asset, so a rerun must start above the previous run (the CLI uses the start time in ms).
   */
  seqBase?: number;
  /** Bad frames kept in the ground truth; the count goes on past it. */
  maxRecordedBadFrames?: number;
}

export const DEFAULT_BAD_BATCHES = ['B07'];

interface EngineState {
  record: EngineRecord;
  rates: WearRates;
  profile: SensorProfile;
  badBatch: boolean;
  startCycle: number;
  /** Cycles since new at the last shop visit. */
  shopVisitCycle: number;
  initialMargin: number;
  failures: InjectedFailure[];
  sensorFault: RecordedSensorFault | null;
}

export interface SimulatedFrame {
  tenant: string;
  assetId: string;
  ts: string;
  seq: number;
  readings: Record<string, number | null>;
  /** Present when this frame is deliberately invalid: send `bad.body` instead of the frame. */
  bad?: BadFrame;
}

/**
 * The fleet in motion. A frame is a pure function of (seed, engine, seq, time): noise comes from a
 * generator seeded by those, health from closed-form wear at the cycle the time implies. The only
 * state kept is the record of faults and bad frames actually emitted, for the ground truth.
 */
export class FleetSimulation {
  private readonly engines: EngineState[];
  private readonly byAssetId = new Map<string, number>();
  private readonly badFrames: RecordedBadFrame[] = [];
  private badFrameTotal = 0;
  private readonly options: Required<SimulationOptions>;

  constructor(readonly registry: FleetRegistry, options: SimulationOptions) {
    this.options = {
      injections: [], sensorFaultRate: 0, badFrameRate: 0, badBatches: DEFAULT_BAD_BATCHES, seqBase: 0, maxRecordedBadFrames: 100_000, ...options,
    };
    this.engines = registry.engines.map((record, index) => this.prepareEngine(record, index));
    this.engines.forEach((engine, index) => this.byAssetId.set(engine.record.assetId, index));
    this.options.injections.forEach((injection, i) => this.inject(injection, i));
  }

  /** Seq of every engine's first frame. */
  get seqBase(): number {
    return this.options.seqBase;
  }

  /** Bad frames emitted so far. */
  badFrameCount(): number {
    return this.badFrameTotal;
  }

  get size(): number {
    return this.engines.length;
  }

  engine(index: number): EngineRecord {
    return this.engines[index].record;
  }

  indexOf(assetId: string): number | undefined {
    return this.byAssetId.get(assetId);
  }

  /** Flight cycles since new that the engine has reached at `tsMs`. */
  cycleAt(index: number, tsMs: number): number {
    return this.engines[index].startCycle + Math.max(0, tsMs - this.options.startMs) / 1000 * this.options.cyclesPerSecond;
  }

  /** Health at a cycle: natural wear plus every injected mode's contribution. */
  healthAt(index: number, cycle: number): HealthState {
    const engine = this.engines[index];
    let health = naturalHealth(engine.rates, cycle - engine.shopVisitCycle);
    for (const failure of engine.failures) {
      const severity = faultSeverity(cycle, failure.onsetCycle, failure.failureCycle);
      const component = FAILURE_MODES[failure.code].component;
      health = addHealth(health, { hpcEfficiencyLoss: 0, fanEfficiencyLoss: 0, bearingWear: 0, [component]: failure.amplitude * severity });
    }
    return health;
  }

  /** EGT margin left at a cycle, °C: the engine must be removed when it reaches zero. */
  egtMarginAt(index: number, cycle: number): number {
    return this.engines[index].initialMargin - egtRise(this.healthAt(index, cycle));
  }

  /** Frame `seq` (counted from `seqBase`) of engine `index`, time-stamped `tsMs`. */
  frame(index: number, seq: number, tsMs: number): SimulatedFrame {
    const engine = this.engines[index];
    const { seed } = this.options;
    // Randomness keys on the frame's ordinal, so runs with different seq bases read the same.
    const ordinal = seq - this.options.seqBase;
    const prng = new Prng(deriveSeed(seed, index, ordinal));
    const readings: Record<string, number | null> = senseReadings(engine.profile, this.healthAt(index, this.cycleAt(index, tsMs)), prng);
    const ts = new Date(tsMs).toISOString();
    const fault = engine.sensorFault;
    if (fault && seq >= fault.fromSeq && seq <= fault.toSeq) {
      readings[fault.sensor] = applySensorFault(fault, seed, seq, ordinal, readings[fault.sensor] as number);
      fault.firstTs ??= ts;
      fault.lastTs = ts;
    }
    const { tenant, assetId } = engine.record;
    const frame: SimulatedFrame = { tenant, assetId, ts, seq, readings };
    if (!isBadFrame(seed, assetId, ordinal, this.options.badFrameRate)) return frame;
    frame.bad = makeBadFrame(seed, assetId, ordinal, frame, { tenant, assetId });
    this.recordBadFrame({ assetId, tenant, seq, ts, kind: frame.bad.kind });
    return frame;
  }

  groundTruth(): GroundTruth {
    const { seed, startMs, cyclesPerSecond, badBatches, badFrameRate, maxRecordedBadFrames, seqBase } = this.options;
    return {
      version: 1,
      seed,
      seqBase,
      startedAt: new Date(startMs).toISOString(),
      cyclesPerSecond,
      badBatches,
      badBatchFactor: BAD_BATCH_FACTOR,
      injections: this.options.injections.map((injection, i) => ({
        ...injection,
        assetIds: this.engines.flatMap((e) => e.failures.filter((f) => f.injection === i).map((f) => f.assetId)),
      })),
      failures: this.engines.flatMap((e) => e.failures),
      sensorFaults: this.engines.flatMap((e) => (e.sensorFault ? [e.sensorFault] : [])),
      badFrames: { rate: badFrameRate, count: this.badFrameTotal, recorded: [...this.badFrames], truncated: this.badFrameTotal > maxRecordedBadFrames },
      engines: this.engines.map((e, i) => this.engineTruth(e, i)),
    };
  }

  private prepareEngine(record: EngineRecord, index: number): EngineState {
    const prng = new Prng(deriveSeed(this.options.seed, 'wear', index));
    const badBatch = this.options.badBatches.includes(record.buildBatch);
    const rates = wearRates(record, badBatch, Math.exp(prng.gaussian(0, 0.2)));
    const type = ENGINE_TYPES.find((t) => t.model === record.model && t.variant === record.variant);
    const profile = sensorProfile(record, type?.thrustScale ?? 1);
    const initialMargin = prng.uniform(60, 90) - 40 * record.tolerances.turbineTipClearance;
    const fault = planSensorFault(prng, record.assetId, this.options.sensorFaultRate, (sensor) => SENSORS[sensor].nominal + (profile.offsets[sensor] ?? 0));
    return {
      record, rates, profile, badBatch, initialMargin,
      startCycle: record.cyclesSinceNew,
      shopVisitCycle: record.cyclesSinceNew - record.cyclesSinceShopVisit,
      failures: [],
      sensorFault: fault ? { ...fault, fromSeq: fault.fromSeq + this.options.seqBase, toSeq: fault.toSeq + this.options.seqBase, tenant: record.tenant, firstTs: null, lastTs: null } : null,
    };
  }

  private inject(injection: FailureInjection, injectionIndex: number): void {
    this.engines.forEach((engine, index) => {
      if (!matchesSelector(engine.record, injection.selector)) return;
      const prng = new Prng(deriveSeed(this.options.seed, 'inject', injectionIndex, index));
      const onsetCycle = engine.startCycle + Math.round(prng.uniform(injection.onsetAfter.min, injection.onsetAfter.max));
      const failureCycle = onsetCycle + Math.max(1, Math.round(prng.uniform(injection.lifeCycles.min, injection.lifeCycles.max)));
      engine.failures.push({
        assetId: engine.record.assetId,
        tenant: engine.record.tenant,
        code: injection.code,
        injection: injectionIndex,
        onsetCycle,
        failureCycle,
        onsetAt: this.timeOfCycle(engine, onsetCycle),
        failureAt: this.timeOfCycle(engine, failureCycle),
        amplitude: this.amplitudeToFail(index, injection, failureCycle),
      });
    });
  }

  /** How much the mode must add so that, with wear so far, the engine fails exactly at `failureCycle`. */
  private amplitudeToFail(index: number, injection: FailureInjection, failureCycle: number): number {
    const health = this.healthAt(index, failureCycle);
    const component = FAILURE_MODES[injection.code].component;
    if (component === 'bearingWear') return Math.max(0.2, 1 - health.bearingWear);
    const margin = Math.max(10, this.engines[index].initialMargin - egtRise(health));
    return component === 'hpcEfficiencyLoss' ? egtLossToHpc(margin) : egtLossToFan(margin);
  }

  private timeOfCycle(engine: EngineState, cycle: number): string | null {
    if (this.options.cyclesPerSecond <= 0) return null;
    return new Date(this.options.startMs + ((cycle - engine.startCycle) / this.options.cyclesPerSecond) * 1000).toISOString();
  }

  private recordBadFrame(frame: RecordedBadFrame): void {
    this.badFrameTotal++;
    if (this.badFrames.length < this.options.maxRecordedBadFrames) this.badFrames.push(frame);
  }

  private engineTruth(engine: EngineState, index: number): EngineTruth {
    return {
      assetId: engine.record.assetId,
      tenant: engine.record.tenant,
      badBatch: engine.badBatch,
      wearRates: engine.rates,
      startCycle: engine.startCycle,
      egtMarginAtStart: Math.round(this.egtMarginAt(index, engine.startCycle) * 100) / 100,
      naturalEndOfLifeCycle: naturalEndOfLife(engine),
    };
  }
}

function egtLossToHpc(egt: number): number {
  return egt / EGT_RISE_PER_HPC_LOSS;
}

function egtLossToFan(egt: number): number {
  return egt / EGT_RISE_PER_FAN_LOSS;
}

/** First cycle at which natural wear alone uses up the margin, by bisection (wear is monotone). */
function naturalEndOfLife(engine: EngineState): number {
  const marginAt = (cycle: number) => engine.initialMargin - egtRise(naturalHealth(engine.rates, cycle - engine.shopVisitCycle));
  let lo = engine.shopVisitCycle;
  let hi = lo + 1_000;
  while (marginAt(hi) > 0 && hi < lo + 10_000_000) hi = lo + (hi - lo) * 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (marginAt(mid) > 0) lo = mid;
    else hi = mid;
  }
  return hi;
}
