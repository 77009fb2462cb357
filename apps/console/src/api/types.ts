/** What the gateway answers, as the console reads it (docs/gateway.md, docs/api.md). */
// Shapes the gateway's wire contract already declares come from @fleettwin/contracts as types only:
// `import type` is erased by the build, so none of the library's code (zod schemas) enters the bundle.
import type { CommandView, GatewayRole, QualityFlag, WorkOrderStatus } from '@fleettwin/contracts';

export type { CommandView, LiveUpdate, LiveUpdateType, QualityFlag, WorkOrderStatus } from '@fleettwin/contracts';

export type Role = GatewayRole;
export const ROLES: readonly Role[] = ['viewer', 'engineer', 'planner', 'admin', 'integration'];

export interface Interval {
  mean: number;
  lower: number;
  upper: number;
  coverage: number;
}

export interface RankedAsset {
  rank: number;
  assetId: string;
  cycle: number;
  occurredAt: string;
  failureProbability: number;
  rul: Interval;
  healthIndex: number;
  topSensors?: string[];
}

export interface AssetView {
  tenant: string;
  assetId: string;
  kind: string;
  parentId: string | null;
  model: string;
  variant: string;
  serial: string;
  buildBatch: string;
  inServiceDate: string;
  retired: { at: string; by: string; reason: string } | null;
}

export interface FleetOverview {
  tenant: string;
  modelVersion: string;
  horizon: number;
  ranking: RankedAsset[];
  assets: AssetView[];
}

export interface SensorState {
  value: number | null;
  ts: string;
  quality: QualityFlag[];
}

export type CommandStatus = CommandView['status'];

export interface TwinView {
  assetId: string;
  tenant: string;
  sensors: Record<string, SensorState>;
  frames: number;
  lastSeq: number;
  updatedAt: string;
  usage?: { operatingHours: number; cycles: number; running: boolean };
  desired?: Record<string, number | string | boolean>;
  reported?: Record<string, number | string | boolean>;
  commands?: { pending: CommandView[]; recent: CommandView[] };
}

export interface HistoryBucket {
  start: string;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface SensorHistory {
  assetId: string;
  sensor: string;
  from: string;
  to: string;
  stepSeconds: number;
  buckets: HistoryBucket[];
}

export interface PredictionPoint {
  cycle: number;
  occurredAt: string;
  modelVersion: string;
  rul: Interval;
  failureProbability: number;
  healthIndex: number;
}

export interface PredictionHistory {
  latest: PredictionPoint & { assetId: string; horizon?: number };
  history: PredictionPoint[];
}

export interface Evidence {
  predictionStream: string;
  predictionVersion: string;
  failureProbability: number;
  rulMean: number;
  rulLower: number;
  rulUpper: number;
  topSensors: string[];
  modelVersion: string;
  reason: string;
}

export interface WorkOrder {
  id: string;
  tenant: string;
  assetId: string;
  kind: string;
  failureMode: string;
  priority: number;
  status: WorkOrderStatus;
  dueAt: string;
  scheduledFor: string;
  evidence: Evidence[];
  effect: string;
  reason: string;
  createdAt: string;
  updatedAt: string;
  version: string;
}

export interface WorkOrderPage {
  workOrders: WorkOrder[];
  next?: string;
}

export interface CustodyRecord {
  streamId: string;
  sequence: number;
  prevHash: string;
  hash: string;
  leafIndex: number;
  event: { type: string; data: Record<string, unknown>; metadata: { eventId?: string; occurredAt?: string; organisation?: { id: string; name?: string }; userId?: string } };
}

export interface PartView {
  partId: string;
  status: string;
  quarantined: boolean;
  quarantine: { reasons?: string[] } | null;
  released: boolean;
  owner: { id: string; name?: string };
  location: { kind: string; assetId?: string; position?: string; location?: string };
  life: { limits: Record<string, number>; consumed: Record<string, number>; remaining: Record<string, number | null> };
}

export type CustodyVerification =
  | { valid: true; events: number; checkpoint: { origin: string; size: number; rootHash: string } }
  | { valid: false; failure: { reason: string; message: string } };

export interface PartCustody {
  partId: string;
  part: PartView;
  events: CustodyRecord[];
  verification: CustodyVerification;
}
