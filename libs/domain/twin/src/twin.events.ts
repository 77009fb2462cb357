import type { QualityFlag } from '@fleettwin/contracts';
import type { CycleCompleted as UsageCycle, UsageState } from '@fleettwin/domain-asset';

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

/** A data-quality flag appeared on a sensor (kept as an event so fault history is auditable). */
export interface SensorFaultRaised {
  type: 'SensorFaultRaised';
  data: { assetId: string; sensor: string; flag: QualityFlag; ts: string };
}

export interface SensorFaultCleared {
  type: 'SensorFaultCleared';
  data: { assetId: string; sensor: string; flag: QualityFlag; ts: string };
}

export type CommandKind = 'maintenance' | 'parameters';

/** The twin asked the asset to do something or to take new set-points (the desired state). */
export interface CommandIssued {
  type: 'CommandIssued';
  data: {
    assetId: string;
    commandId: string;
    kind: CommandKind;
    name: string;
    parameters: Record<string, number | string | boolean>;
    issuedAt: string;
    expiresAt: string;
    issuedBy: string;
  };
}

export type AcknowledgementStatus = 'accepted' | 'rejected' | 'completed';

/** The asset answered; `reported` is the state it says it now runs with. */
export interface CommandAcknowledged {
  type: 'CommandAcknowledged';
  data: {
    assetId: string;
    commandId: string;
    status: AcknowledgementStatus;
    reported: Record<string, number | string | boolean>;
    message?: string;
    at: string;
  };
}

export interface CommandTimedOut {
  type: 'CommandTimedOut';
  data: { assetId: string; commandId: string; at: string };
}

/** A start-to-shutdown cycle (a flight, for an engine) ended; hours and cycles feed billing and life limits. */
export interface CycleCompleted {
  type: 'CycleCompleted';
  data: UsageCycle['data'] & { assetId: string };
}

export type TwinEvent = FrameRecorded | SensorFaultRaised | SensorFaultCleared | CycleCompleted | CommandIssued | CommandAcknowledged | CommandTimedOut;

export interface SensorState {
  value: number | null;
  ts: string;
  quality: QualityFlag[];
  /** How many consecutive frames carried exactly this value (1 = it just changed). */
  repeats: number;
}

export type CommandStatus = 'pending' | AcknowledgementStatus | 'timed-out';

export interface CommandState {
  commandId: string;
  kind: CommandKind;
  name: string;
  parameters: Record<string, number | string | boolean>;
  issuedAt: string;
  expiresAt: string;
  issuedBy: string;
  status: CommandStatus;
  settledAt?: string;
  message?: string;
}

export interface Twin {
  assetId: string;
  tenant: string;
  sensors: Record<string, SensorState>;
  frames: number;
  lastSeq: number;
  updatedAt: string;
  /** Set-points the twin asked for, and those the asset last reported. */
  desired?: Record<string, number | string | boolean>;
  reported?: Record<string, number | string | boolean>;
  /** Every command by id; the view lists pending ones and the most recent settled ones. */
  commands?: Record<string, CommandState>;
  /** Operating time and cycles counted from the telemetry itself. */
  usage?: UsageState;
}

export type TwinState = Twin | null;

export const initialTwinState: TwinState = null;
