import type { PredictionEvidence, PriorityLevel, WorkOrderKind } from '@fleettwin/contracts';
import { dueDateFromRul } from './due-date';
import { DEFAULT_RISK_BANDS, priorityFromRisk, type RiskBands } from './priority';
import type { WorkOrder } from './work-order.events';
import { isClosed } from './work-order.lifecycle';

/** The failure-mode code of a prediction no catalog mode matched; such risk is still worth a look. */
export const UNCLASSIFIED = 'UNCLASSIFIED';

export interface MaintenancePolicy {
  /** Open an order when P(failure within the horizon) reaches this … */
  failureProbabilityThreshold: number;
  /** … or when the RUL lower bound falls to this many cycles. */
  rulLowerBoundCycles: number;
  safetyMarginCycles: number;
  /** Utilisation assumed for the asset when turning cycles into calendar time. */
  cyclesPerDay: number;
  /** New evidence on an open order is recorded when its failure probability moved this much, even if priority and due date hold. */
  minFailureProbabilityChange: number;
  riskBands: RiskBands;
  /** What kind of work each mode calls for; inspection when not listed. */
  kindByFailureMode: Readonly<Record<string, WorkOrderKind>>;
}

export const DEFAULT_POLICY: Omit<MaintenancePolicy, 'cyclesPerDay'> = {
  failureProbabilityThreshold: 0.5,
  rulLowerBoundCycles: 50,
  safetyMarginCycles: 10,
  minFailureProbabilityChange: 0.1,
  riskBands: DEFAULT_RISK_BANDS,
  kindByFailureMode: {},
};

export function maintenancePolicy(overrides: Partial<MaintenancePolicy> & { cyclesPerDay: number }): MaintenancePolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

export type PolicyDecision =
  | { action: 'create'; order: { tenant: string; assetId: string; kind: WorkOrderKind; failureModeCode: string; priority: PriorityLevel; dueAt: string; evidence: PredictionEvidence } }
  | { action: 'update-evidence'; workOrderId: string; evidence: PredictionEvidence; priority: PriorityLevel; dueAt: string }
  | { action: 'nothing'; reason: string };

/**
 * What one prediction means for maintenance. Exactly one open order per (asset, failure mode):
 * a prediction for a pair that already has one adds evidence to it instead of raising another.
 * Routine evidence that changes nothing is dropped, so a prediction every cycle does not flood
 * the order's stream.
 */
export function workOrdersFromPrediction(prediction: PredictionEvidence, openOrders: readonly WorkOrder[], policy: MaintenancePolicy): PolicyDecision {
  if (!actionable(prediction, policy)) {
    return { action: 'nothing', reason: `failure probability ${prediction.failureProbability} < ${policy.failureProbabilityThreshold} and RUL lower bound ${prediction.rul.lower} > ${policy.rulLowerBoundCycles} cycles` };
  }
  const failureModeCode = prediction.failureMode?.code ?? UNCLASSIFIED;
  const priority = priorityFromRisk(prediction.failureProbability, prediction.rul.lower, policy.riskBands);
  const dueAt = dueDateFromRul({ now: prediction.occurredAt, rulLower: prediction.rul.lower, safetyMarginCycles: policy.safetyMarginCycles, cyclesPerDay: policy.cyclesPerDay });
  const existing = openOrders.find((o) => o.tenant === prediction.tenant && o.assetId === prediction.assetId && o.failureModeCode === failureModeCode && !isClosed(o.status));
  if (!existing) {
    const kind = policy.kindByFailureMode[failureModeCode] ?? 'inspection';
    return { action: 'create', order: { tenant: prediction.tenant, assetId: prediction.assetId, kind, failureModeCode, priority, dueAt, evidence: prediction } };
  }
  const why = whyUpdate(existing, prediction, priority, dueAt, policy);
  if (!why) return { action: 'nothing', reason: `work order ${existing.workOrderId} already covers this risk` };
  return { action: 'update-evidence', workOrderId: existing.workOrderId, evidence: prediction, priority, dueAt };
}

function actionable(prediction: PredictionEvidence, policy: MaintenancePolicy): boolean {
  return prediction.failureProbability >= policy.failureProbabilityThreshold || prediction.rul.lower <= policy.rulLowerBoundCycles;
}

function whyUpdate(order: WorkOrder, prediction: PredictionEvidence, priority: PriorityLevel, dueAt: string, policy: MaintenancePolicy): string | null {
  const last = order.evidence[order.evidence.length - 1];
  if (last && last.source.streamId === prediction.source.streamId && last.source.version === prediction.source.version) return null;
  if (priority < order.priority) return 'priority raised';
  if (Date.parse(dueAt) < Date.parse(order.dueAt)) return 'due date pulled in';
  if (!last || Math.abs(prediction.failureProbability - last.failureProbability) >= policy.minFailureProbabilityChange) return 'risk changed';
  return null;
}
