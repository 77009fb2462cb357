import type { QualityFlag } from '@fleettwin/contracts';

/** A telemetry frame as the twin recorded it: the facts, not the verdicts derived from them. */
export interface FrameRecorded {
  type: 'FrameRecorded';
  data: {
    tenant: string;
    assetId: string;
    ts: string;
    seq: number;
    readings: Record<string, number | null>;
  };
}

export type TwinEvent = FrameRecorded;

export interface SensorState {
  value: number | null;
  ts: string;
  quality: QualityFlag[];
  /** How many consecutive frames carried exactly this value (1 = it just changed). */
  repeats: number;
}

export interface Twin {
  assetId: string;
  tenant: string;
  sensors: Record<string, SensorState>;
  frames: number;
  lastSeq: number;
  updatedAt: string;
}

export type TwinState = Twin | null;

export const initialTwinState: TwinState = null;
