import { weekOf } from './failure-curve';
import type { PlannableWorkOrder } from './plan-problem.builder';
import type { PlanProblem } from './plan.problem';

/** How the open work orders moved away from what a plan revision was computed from. */
export interface PlanDrift {
  /** Open now, not in the plan (new predictions opened them). */
  newOrders: string[];
  /** In the plan, no longer open (completed, cancelled or started). */
  closedOrders: string[];
  /** Still open, latest safe week changed (new evidence tightened the due date). */
  dueMoved: { workOrderId: string; from: number; to: number }[];
  /** Anything above: a re-plan would see different work. */
  replanSuggested: boolean;
}

/** Predicted orders (`predicted-…`) came with the request, not from the open orders: they are left out of the comparison. */
export function planDrift(problem: PlanProblem, open: readonly PlannableWorkOrder[]): PlanDrift {
  const planned = new Map(problem.orders.filter((o) => !o.workOrderId.startsWith('predicted-')).map((o) => [o.workOrderId, o]));
  const now = new Map(open.map((o) => [o.workOrderId, o]));
  const newOrders = [...now.keys()].filter((id) => !planned.has(id)).sort();
  const closedOrders = [...planned.keys()].filter((id) => !now.has(id)).sort();
  const dueMoved = [...planned.values()].flatMap((o) => {
    const current = now.get(o.workOrderId);
    if (!current) return [];
    const to = weekOf(current.dueAt, problem.startsOn);
    return to === o.latestWeek ? [] : [{ workOrderId: o.workOrderId, from: o.latestWeek, to }];
  });
  return { newOrders, closedOrders, dueMoved, replanSuggested: newOrders.length + closedOrders.length + dueMoved.length > 0 };
}
