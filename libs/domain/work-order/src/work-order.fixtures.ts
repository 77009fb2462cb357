import type { PredictionEvidence, WorkOrderStatus } from '@fleettwin/contracts';
import type { CommandMetadata, WorkOrderCommand } from './work-order.decider';
import type { WorkOrderEvent } from './work-order.events';

// Builders shared by the work-order specs; not exported from the library.

export const TENANT = 'airline-a';
export const ORDER = 'WO-1';
export const ASSET = 'ESN-100042';

export const meta = (key: string, at = '2026-03-01T10:00:00.000Z', actor = 'planner@airline-a'): CommandMetadata => ({ at, actor, idempotencyKey: key });

export function evidence(overrides: Partial<PredictionEvidence> = {}): PredictionEvidence {
  return {
    tenant: TENANT,
    assetId: ASSET,
    source: { streamId: `prediction-${ASSET}`, version: 120 },
    modelVersion: 'rul-fd001-1',
    cycle: 120,
    occurredAt: '2026-03-01T08:00:00.000Z',
    healthIndex: 0.42,
    rul: { mean: 60, lower: 40, upper: 85, coverage: 0.8 },
    failureProbability: 0.62,
    horizon: 30,
    topSensors: ['s11', 's4', 's12'],
    failureMode: { code: 'HPC-DEG', similarity: 0.93 },
    ...overrides,
  };
}

const stamp = (key: string, at = '2026-03-01T10:00:00.000Z') => ({ tenant: TENANT, workOrderId: ORDER, at, by: 'planner@airline-a', idempotencyKey: key });

export const opened: WorkOrderEvent = {
  type: 'WorkOrderOpened',
  data: { ...stamp('k-open'), assetId: ASSET, kind: 'inspection', failureModeCode: 'HPC-DEG', priority: 3, dueAt: '2026-03-08T00:00:00.000Z', description: null, evidence: evidence() },
};
export const acknowledged: WorkOrderEvent = { type: 'WorkOrderAcknowledged', data: stamp('k-ack') };
export const scheduled: WorkOrderEvent = { type: 'WorkOrderScheduled', data: { ...stamp('k-schedule'), scheduledFor: '2026-03-05T06:00:00.000Z', organisation: 'MRO Hamburg' } };
export const started: WorkOrderEvent = { type: 'WorkStarted', data: { ...stamp('k-start'), technician: 'tech-17' } };
export const completed: WorkOrderEvent = {
  type: 'WorkOrderCompleted',
  data: {
    ...stamp('k-complete'),
    findings: 'HPC stage 3 blades eroded; borescope images attached',
    outcome: { kind: 'confirmed', failureModeCode: 'HPC-DEG' },
    partsRemoved: ['HPC-S3-889'],
    partsInstalled: ['HPC-S3-1204'],
    technician: 'tech-17',
    organisation: 'MRO Hamburg',
  },
};
export const deferred: WorkOrderEvent = { type: 'WorkOrderDeferred', data: { ...stamp('k-defer'), reason: 'no hangar slot', until: '2026-03-10T00:00:00.000Z' } };
export const cancelled: WorkOrderEvent = { type: 'WorkOrderCancelled', data: { ...stamp('k-cancel'), reason: 'engine removed for overhaul' } };

/** The shortest history that leaves an order in each status. */
export const HISTORY_TO: Readonly<Record<WorkOrderStatus, WorkOrderEvent[]>> = {
  open: [opened],
  acknowledged: [opened, acknowledged],
  scheduled: [opened, acknowledged, scheduled],
  'in-progress': [opened, acknowledged, scheduled, started],
  completed: [opened, acknowledged, scheduled, started, completed],
  deferred: [opened, deferred],
  cancelled: [opened, cancelled],
};

const target = { tenant: TENANT, workOrderId: ORDER };

/** The command that asks for each status; `open` is reached only by opening. */
export const COMMAND_TO: Readonly<Record<Exclude<WorkOrderStatus, 'open'>, (key: string) => WorkOrderCommand>> = {
  acknowledged: (key) => ({ type: 'AcknowledgeWorkOrder', data: target, metadata: meta(key) }),
  scheduled: (key) => ({ type: 'ScheduleWorkOrder', data: { ...target, scheduledFor: '2026-03-05T06:00:00.000Z', organisation: 'MRO Hamburg' }, metadata: meta(key) }),
  'in-progress': (key) => ({ type: 'StartWork', data: { ...target, technician: 'tech-17' }, metadata: meta(key) }),
  completed: (key) => ({
    type: 'CompleteWorkOrder',
    data: {
      ...target,
      findings: 'HPC stage 3 blades eroded; borescope images attached',
      outcome: { kind: 'confirmed', failureModeCode: 'HPC-DEG' },
      partsRemoved: ['HPC-S3-889'],
      partsInstalled: ['HPC-S3-1204'],
      technician: 'tech-17',
      organisation: 'MRO Hamburg',
    },
    metadata: meta(key),
  }),
  deferred: (key) => ({ type: 'DeferWorkOrder', data: { ...target, reason: 'no hangar slot', until: '2026-03-10T00:00:00.000Z' }, metadata: meta(key) }),
  cancelled: (key) => ({ type: 'CancelWorkOrder', data: { ...target, reason: 'engine removed for overhaul' }, metadata: meta(key) }),
};
