import type { HealthSnapshot, PredictionEvidence, PriorityLevel, WorkOrderKind, WorkOrderStatus } from '@fleettwin/contracts';
import { earlierOf } from './due-date';
import { DEFAULT_EFFECT_THRESHOLDS, judgeEffect } from './effect';
import { illegalTransition, workOrderError, type WorkOrderError } from './work-order.errors';
import type { Completion, EffectThresholds, WorkOrder, WorkOrderEvent, WorkOrderState } from './work-order.events';
import { mayTransition } from './work-order.lifecycle';
import { mostUrgent } from './priority';

/**
 * Outside inputs arrive with the command, never from a clock inside: when, who, and the key
 * that makes a retried command harmless.
 */
export interface CommandMetadata {
  at: string;
  actor: string;
  idempotencyKey: string;
}

interface Target {
  tenant: string;
  workOrderId: string;
}

export interface OpenWorkOrder {
  type: 'OpenWorkOrder';
  data: Target & {
    assetId: string;
    kind: WorkOrderKind;
    failureModeCode: string;
    priority: PriorityLevel;
    dueAt: string;
    description?: string | null;
    evidence?: PredictionEvidence | null;
  };
  metadata: CommandMetadata;
}

export interface AddEvidence {
  type: 'AddEvidence';
  data: Target & { evidence: PredictionEvidence; priority: PriorityLevel; dueAt: string };
  metadata: CommandMetadata;
}

export interface AcknowledgeWorkOrder {
  type: 'AcknowledgeWorkOrder';
  data: Target;
  metadata: CommandMetadata;
}

export interface ScheduleWorkOrder {
  type: 'ScheduleWorkOrder';
  data: Target & { scheduledFor: string; organisation?: string | null };
  metadata: CommandMetadata;
}

export interface StartWork {
  type: 'StartWork';
  data: Target & { technician: string };
  metadata: CommandMetadata;
}

export interface CompleteWorkOrder {
  type: 'CompleteWorkOrder';
  data: Target & Completion;
  metadata: CommandMetadata;
}

export interface DeferWorkOrder {
  type: 'DeferWorkOrder';
  data: Target & { reason: string; until?: string | null };
  metadata: CommandMetadata;
}

export interface CancelWorkOrder {
  type: 'CancelWorkOrder';
  data: Target & { reason: string };
  metadata: CommandMetadata;
}

export interface VerifyEffect {
  type: 'VerifyEffect';
  data: Target & { before: HealthSnapshot; after: HealthSnapshot; thresholds?: EffectThresholds };
  metadata: CommandMetadata;
}

export type WorkOrderCommand =
  | OpenWorkOrder
  | AddEvidence
  | AcknowledgeWorkOrder
  | ScheduleWorkOrder
  | StartWork
  | CompleteWorkOrder
  | DeferWorkOrder
  | CancelWorkOrder
  | VerifyEffect;

export type WorkOrderDecision = { ok: true; events: WorkOrderEvent[] } | { ok: false; error: WorkOrderError };

const accept = (events: WorkOrderEvent[]): WorkOrderDecision => ({ ok: true, events });
const refuse = (error: WorkOrderError): WorkOrderDecision => ({ ok: false, error });

export function decide(command: WorkOrderCommand, state: WorkOrderState): WorkOrderDecision {
  // A retried command (same key) already had its effect: answer with nothing, not an error.
  if (state && state.tenant === command.data.tenant && state.appliedKeys.includes(command.metadata.idempotencyKey)) return accept([]);
  switch (command.type) {
    case 'OpenWorkOrder':
      return openWorkOrder(command, state);
    case 'AddEvidence':
      return withOrder(command, state, (order) => addEvidence(command, order));
    case 'AcknowledgeWorkOrder':
      return withOrder(command, state, (order) => transition(order, 'acknowledged', () => ({ type: 'WorkOrderAcknowledged', data: stamp(command) })));
    case 'ScheduleWorkOrder':
      return withOrder(command, state, (order) => scheduleWorkOrder(command, order));
    case 'StartWork':
      return withOrder(command, state, (order) => startWork(command, order));
    case 'CompleteWorkOrder':
      return withOrder(command, state, (order) => completeWorkOrder(command, order));
    case 'DeferWorkOrder':
      return withOrder(command, state, (order) => deferWorkOrder(command, order));
    case 'CancelWorkOrder':
      return withOrder(command, state, (order) => cancelWorkOrder(command, order));
    case 'VerifyEffect':
      return withOrder(command, state, (order) => verifyEffect(command, order));
  }
}

function openWorkOrder(command: OpenWorkOrder, state: WorkOrderState): WorkOrderDecision {
  const { data } = command;
  if (state) return refuse(workOrderError('ALREADY_EXISTS', `work order ${data.workOrderId} already exists`));
  const problem = invalidTimestamp(data.dueAt, 'dueAt') ?? blank(data.assetId, 'assetId') ?? blank(data.failureModeCode, 'failureModeCode');
  if (problem) return refuse(problem);
  const { description, evidence, ...fields } = data;
  return accept([{ type: 'WorkOrderOpened', data: { ...fields, ...stamp(command), description: description ?? null, evidence: evidence ?? null } }]);
}

function addEvidence(command: AddEvidence, order: WorkOrder): WorkOrderDecision {
  const { data } = command;
  if (order.status === 'completed' || order.status === 'cancelled') {
    return refuse(workOrderError('INVALID', `work order ${order.workOrderId} is ${order.status}; new evidence opens a new order`));
  }
  if (data.evidence.assetId !== order.assetId) return refuse(workOrderError('INVALID', `evidence is for asset ${data.evidence.assetId}, not ${order.assetId}`));
  const problem = invalidTimestamp(data.dueAt, 'dueAt');
  if (problem) return refuse(problem);
  return accept([
    {
      type: 'EvidenceAdded',
      data: { ...stamp(command), evidence: data.evidence, priority: mostUrgent(order.priority, data.priority), dueAt: earlierOf(order.dueAt, data.dueAt) },
    },
  ]);
}

function scheduleWorkOrder(command: ScheduleWorkOrder, order: WorkOrder): WorkOrderDecision {
  const problem = invalidTimestamp(command.data.scheduledFor, 'scheduledFor');
  if (problem) return refuse(problem);
  return transition(order, 'scheduled', () => ({
    type: 'WorkOrderScheduled',
    data: { ...stamp(command), scheduledFor: command.data.scheduledFor, organisation: command.data.organisation ?? null },
  }));
}

function startWork(command: StartWork, order: WorkOrder): WorkOrderDecision {
  const problem = blank(command.data.technician, 'technician');
  if (problem) return refuse(problem);
  return transition(order, 'in-progress', () => ({ type: 'WorkStarted', data: { ...stamp(command), technician: command.data.technician } }));
}

function completeWorkOrder(command: CompleteWorkOrder, order: WorkOrder): WorkOrderDecision {
  const { data } = command;
  const problem = blank(data.findings, 'findings') ?? blank(data.technician, 'technician') ?? blank(data.organisation, 'organisation');
  if (problem) return refuse(problem);
  return transition(order, 'completed', () => ({
    type: 'WorkOrderCompleted',
    data: {
      ...stamp(command),
      findings: data.findings,
      outcome: data.outcome,
      partsRemoved: [...data.partsRemoved],
      partsInstalled: [...data.partsInstalled],
      technician: data.technician,
      organisation: data.organisation,
    },
  }));
}

function deferWorkOrder(command: DeferWorkOrder, order: WorkOrder): WorkOrderDecision {
  const { data } = command;
  const problem = blank(data.reason, 'reason') ?? (data.until ? invalidTimestamp(data.until, 'until') : null);
  if (problem) return refuse(problem);
  return transition(order, 'deferred', () => ({ type: 'WorkOrderDeferred', data: { ...stamp(command), reason: data.reason, until: data.until ?? null } }));
}

function cancelWorkOrder(command: CancelWorkOrder, order: WorkOrder): WorkOrderDecision {
  const problem = blank(command.data.reason, 'reason');
  if (problem) return refuse(problem);
  return transition(order, 'cancelled', () => ({ type: 'WorkOrderCancelled', data: { ...stamp(command), reason: command.data.reason } }));
}

function verifyEffect(command: VerifyEffect, order: WorkOrder): WorkOrderDecision {
  if (order.status !== 'completed') return refuse(workOrderError('NOT_COMPLETED', `work order ${order.workOrderId} is ${order.status}; its effect can be checked once completed`));
  if (order.effect) return refuse(workOrderError('ALREADY_VERIFIED', `work order ${order.workOrderId} was already judged ${order.effect.outcome}`));
  const { before, after } = command.data;
  const thresholds = command.data.thresholds ?? DEFAULT_EFFECT_THRESHOLDS;
  return accept([{ type: 'EffectVerified', data: { ...stamp(command), outcome: judgeEffect(before, after, thresholds), before, after, thresholds } }]);
}

/**
 * Another tenant's order answers NOT_FOUND, like a missing one, so ids cannot be probed across
 * tenants.
 */
function withOrder(command: Exclude<WorkOrderCommand, OpenWorkOrder>, state: WorkOrderState, decideFor: (order: WorkOrder) => WorkOrderDecision): WorkOrderDecision {
  if (!state || state.tenant !== command.data.tenant || state.workOrderId !== command.data.workOrderId) {
    return refuse(workOrderError('NOT_FOUND', `no work order ${command.data.workOrderId}`));
  }
  return decideFor(state);
}

function transition(order: WorkOrder, to: WorkOrderStatus, event: () => WorkOrderEvent): WorkOrderDecision {
  if (!mayTransition(order.status, to)) return refuse(illegalTransition(order.workOrderId, order.status, to));
  return accept([event()]);
}

function stamp(command: WorkOrderCommand) {
  const { tenant, workOrderId } = command.data;
  const { at, actor, idempotencyKey } = command.metadata;
  return { tenant, workOrderId, at, by: actor, idempotencyKey };
}

function invalidTimestamp(value: string, field: string): WorkOrderError | null {
  return Number.isNaN(Date.parse(value)) ? workOrderError('INVALID', `${field} "${value}" is not a timestamp`) : null;
}

function blank(value: string, field: string): WorkOrderError | null {
  return value.trim().length === 0 ? workOrderError('INVALID', `${field} must not be empty`) : null;
}
