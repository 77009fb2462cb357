import type { HealthSnapshot, PredictionEvidence, PriorityLevel, WorkOrderKind, WorkOrderOutcome, WorkOrderStatus } from '@fleettwin/contracts';

/** Every event records when, by whom and for which command (its idempotency key). */
interface Stamp {
  tenant: string;
  workOrderId: string;
  at: string;
  by: string;
  idempotencyKey: string;
}

export interface WorkOrderOpened {
  type: 'WorkOrderOpened';
  data: Stamp & {
    assetId: string;
    kind: WorkOrderKind;
    failureModeCode: string;
    priority: PriorityLevel;
    dueAt: string;
    description: string | null;
    /** The prediction that raised it; null for an order raised by hand. */
    evidence: PredictionEvidence | null;
  };
}

/** New evidence for the same (asset, failure mode): priority and due date only ever tighten. */
export interface EvidenceAdded {
  type: 'EvidenceAdded';
  data: Stamp & { evidence: PredictionEvidence; priority: PriorityLevel; dueAt: string };
}

export interface WorkOrderAcknowledged {
  type: 'WorkOrderAcknowledged';
  data: Stamp;
}

export interface WorkOrderScheduled {
  type: 'WorkOrderScheduled';
  data: Stamp & { scheduledFor: string; organisation: string | null };
}

export interface WorkStarted {
  type: 'WorkStarted';
  data: Stamp & { technician: string };
}

export interface WorkOrderCompleted {
  type: 'WorkOrderCompleted';
  data: Stamp & Completion;
}

export interface WorkOrderDeferred {
  type: 'WorkOrderDeferred';
  data: Stamp & { reason: string; until: string | null };
}

export interface WorkOrderCancelled {
  type: 'WorkOrderCancelled';
  data: Stamp & { reason: string };
}

export interface EffectVerified {
  type: 'EffectVerified';
  data: Stamp & EffectCheck;
}

export type WorkOrderEvent =
  | WorkOrderOpened
  | EvidenceAdded
  | WorkOrderAcknowledged
  | WorkOrderScheduled
  | WorkStarted
  | WorkOrderCompleted
  | WorkOrderDeferred
  | WorkOrderCancelled
  | EffectVerified;

export interface Completion {
  findings: string;
  outcome: WorkOrderOutcome;
  /** Part serials, so the custody ledger can follow each part off and onto the asset. */
  partsRemoved: string[];
  partsInstalled: string[];
  technician: string;
  organisation: string;
}

export type EffectOutcome = 'verified' | 'ineffective';

export interface EffectThresholds {
  /** Highest failure probability after the work that still counts as fixed. */
  maxResidualFailureProbability: number;
  /** Drop in failure probability, or … */
  minFailureProbabilityDrop: number;
  /** … rise in health index, that shows the work changed something. */
  minHealthIndexGain: number;
}

export interface EffectCheck {
  outcome: EffectOutcome;
  before: HealthSnapshot;
  after: HealthSnapshot;
  thresholds: EffectThresholds;
}

export interface WorkOrder {
  tenant: string;
  workOrderId: string;
  assetId: string;
  kind: WorkOrderKind;
  failureModeCode: string;
  status: WorkOrderStatus;
  priority: PriorityLevel;
  dueAt: string;
  description: string | null;
  evidence: PredictionEvidence[];
  scheduledFor: string | null;
  organisation: string | null;
  technician: string | null;
  deferral: { reason: string; until: string | null; at: string } | null;
  cancellation: { reason: string; at: string } | null;
  completion: (Completion & { at: string }) | null;
  effect: (EffectCheck & { at: string }) | null;
  /** Idempotency keys of every command applied: a repeat of one changes nothing. */
  appliedKeys: string[];
  openedAt: string;
  updatedAt: string;
  /** Events folded in: the stream version the next append expects. */
  version: number;
}

export type WorkOrderState = WorkOrder | null;

export const initialWorkOrderState: WorkOrderState = null;

export function evolve(state: WorkOrderState, event: WorkOrderEvent): WorkOrderState {
  if (event.type === 'WorkOrderOpened') return opened(event);
  if (!state) return state;
  const next = { ...state, appliedKeys: [...state.appliedKeys, event.data.idempotencyKey], updatedAt: event.data.at, version: state.version + 1 };
  return applyChange(next, event);
}

function opened(event: WorkOrderOpened): WorkOrder {
  const { at, by: _by, idempotencyKey, evidence, ...data } = event.data;
  return {
    ...data,
    status: 'open',
    evidence: evidence ? [evidence] : [],
    scheduledFor: null,
    organisation: null,
    technician: null,
    deferral: null,
    cancellation: null,
    completion: null,
    effect: null,
    appliedKeys: [idempotencyKey],
    openedAt: at,
    updatedAt: at,
    version: 1,
  };
}

function applyChange(state: WorkOrder, event: Exclude<WorkOrderEvent, WorkOrderOpened>): WorkOrder {
  switch (event.type) {
    case 'EvidenceAdded':
      return { ...state, evidence: [...state.evidence, event.data.evidence], priority: event.data.priority, dueAt: event.data.dueAt };
    case 'WorkOrderAcknowledged':
      return { ...state, status: 'acknowledged' };
    case 'WorkOrderScheduled':
      return { ...state, status: 'scheduled', scheduledFor: event.data.scheduledFor, organisation: event.data.organisation ?? state.organisation, deferral: null };
    case 'WorkStarted':
      return { ...state, status: 'in-progress', technician: event.data.technician };
    case 'WorkOrderCompleted': {
      const { tenant: _t, workOrderId: _w, by: _b, idempotencyKey: _k, ...completion } = event.data;
      return { ...state, status: 'completed', completion };
    }
    case 'WorkOrderDeferred':
      return { ...state, status: 'deferred', deferral: { reason: event.data.reason, until: event.data.until, at: event.data.at } };
    case 'WorkOrderCancelled':
      return { ...state, status: 'cancelled', cancellation: { reason: event.data.reason, at: event.data.at } };
    case 'EffectVerified': {
      const { outcome, before, after, thresholds, at } = event.data;
      return { ...state, effect: { outcome, before, after, thresholds, at } };
    }
  }
}

export function foldWorkOrder(events: readonly WorkOrderEvent[], state: WorkOrderState = initialWorkOrderState): WorkOrderState {
  return events.reduce(evolve, state);
}
