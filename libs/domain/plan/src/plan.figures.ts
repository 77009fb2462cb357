import { groundedByTenantWeek, indexOrders, occupancyOf, reachFor } from './plan.occupancy';
import { dueWithinHorizon, type Assignment, type PlanProblem } from './plan.problem';

/** How good a plan is, computed from the problem alone, so greedy and optimised plans are scored alike. */
export interface PlanFigures {
  orders: number;
  scheduled: number;
  /** Unplanned, though the latest safe week is inside the horizon. */
  missedWindows: number;
  /** Unplanned, the latest safe week being past the horizon: left for a later plan. */
  deferredPastHorizon: number;
  /** Sum over orders of P(failure in service before induction), to the horizon's end if unplanned. */
  expectedUnplannedRemovals: number;
  /** Shop hours × rate; orders left out are priced at their home base (the work is still to be done). */
  shopCost: number;
  ferryCost: number;
  /** Remaining life thrown away by inducting before the latest safe week. */
  earlyRemovalWaste: number;
  groundedAircraftWeeks: number;
  groundedCost: number;
  /** Money: shop + ferry + waste + grounded. */
  cost: number;
  /** Accepted assignments this plan moves (re-planning). */
  moved: number;
  /** expected removals × cost per removal + cost + missed windows × penalty + moves × change penalty: what the optimiser minimises. */
  objective: number;
}

export function planFigures(problem: PlanProblem, assignments: readonly Assignment[]): PlanFigures {
  const orders = indexOrders(problem);
  const byOrder = new Map(assignments.map((a) => [a.workOrderId, a]));
  const sites = new Map(problem.sites.map((s) => [s.siteId, s]));
  let removals = 0;
  let shopCost = 0;
  let ferryCost = 0;
  let waste = 0;
  let missed = 0;
  let deferred = 0;
  for (const order of orders.values()) {
    const a = byOrder.get(order.workOrderId);
    const reach = a && reachFor(order, a.siteId);
    if (!a || !reach) {
      removals += order.failureProbability[problem.weeks] ?? 1;
      // The work is done some day all the same: priced at the home base, so leaving orders out looks no cheaper.
      shopCost += order.shopHours * ((sites.get(order.homeSiteId) ?? problem.sites[0])?.costPerHour ?? 0);
      if (dueWithinHorizon(order, problem.weeks)) missed += 1;
      else deferred += 1;
      continue;
    }
    removals += order.failureProbability[a.week] ?? 1;
    shopCost += order.shopHours * (sites.get(a.siteId)?.costPerHour ?? 0);
    ferryCost += reach.ferryCost;
    waste += order.lifeValuePerWeek * Math.max(0, order.latestWeek - a.week);
  }
  const grounded = groundedByTenantWeek(problem, occupancyOf(problem, assignments));
  let groundedWeeks = 0;
  let groundedCost = 0;
  for (const t of problem.tenants) {
    for (let w = 0; w < problem.weeks; w++) {
      const g = grounded.get(`${t.tenant}|${w}`) ?? 0;
      groundedWeeks += g;
      groundedCost += g * t.groundedCostPerWeek;
    }
  }
  const moved = movedAssignments(problem, assignments).length;
  const cost = shopCost + ferryCost + waste + groundedCost;
  return {
    orders: orders.size,
    scheduled: [...byOrder.keys()].filter((id) => orders.has(id)).length,
    missedWindows: missed,
    deferredPastHorizon: deferred,
    expectedUnplannedRemovals: round(removals, 4),
    shopCost: round(shopCost, 2),
    ferryCost: round(ferryCost, 2),
    earlyRemovalWaste: round(waste, 2),
    groundedAircraftWeeks: groundedWeeks,
    groundedCost: round(groundedCost, 2),
    cost: round(cost, 2),
    moved,
    objective: round(removals * problem.costs.unplannedRemoval + cost + missed * problem.costs.missedWindow + moved * problem.costs.changePenalty, 2),
  };
}

export interface MovedAssignment {
  workOrderId: string;
  from: { siteId: string; week: number };
  to: { siteId: string; week: number } | null;
}

/** Accepted assignments of orders still in the problem that land elsewhere (or nowhere) in this plan. */
export function movedAssignments(problem: PlanProblem, assignments: readonly Assignment[]): MovedAssignment[] {
  const byOrder = new Map(assignments.map((a) => [a.workOrderId, a]));
  const inProblem = new Set(problem.orders.map((o) => o.workOrderId));
  return Object.entries(problem.accepted)
    .filter(([id]) => inProblem.has(id))
    .flatMap(([workOrderId, from]) => {
      const to = byOrder.get(workOrderId);
      if (to && to.siteId === from.siteId && to.week === from.week) return [];
      return [{ workOrderId, from, to: to ? { siteId: to.siteId, week: to.week } : null }];
    })
    .sort((a, b) => a.workOrderId.localeCompare(b.workOrderId));
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
