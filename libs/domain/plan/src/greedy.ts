import { emptyOccupancy, occupy, siteWeek, tenantSiteWeek, type Occupancy } from './plan.occupancy';
import { weeksDown, windowOf, type Assignment, type PlanOrder, type PlanProblem, type Reach } from './plan.problem';

/**
 * The baseline a planner would do by hand: earliest due first, each order into the first week of
 * its window (then the first reachable site, home base first) that still has a slot, the hours and
 * a spare or room under the availability target. Orders with no such slot are left out.
 */
export function greedyPlan(problem: PlanProblem): Assignment[] {
  const occupancy = emptyOccupancy();
  const ordered = [...problem.orders].sort((a, b) => a.latestWeek - b.latestWeek || a.earliestWeek - b.earliestWeek || a.workOrderId.localeCompare(b.workOrderId));
  const assignments: Assignment[] = [];
  for (const order of ordered) {
    const slot = firstFeasible(problem, occupancy, order);
    if (!slot) continue;
    occupy(occupancy, problem, order, slot.reach, slot.week);
    assignments.push({ workOrderId: order.workOrderId, siteId: slot.reach.siteId, week: slot.week });
  }
  return assignments.sort((a, b) => a.workOrderId.localeCompare(b.workOrderId));
}

function firstFeasible(problem: PlanProblem, occupancy: Occupancy, order: PlanOrder): { reach: Reach; week: number } | undefined {
  const { from, to } = windowOf(order, problem.weeks);
  for (let week = from; week <= to; week++) {
    for (const reach of order.reach) if (fits(problem, occupancy, order, reach, week)) return { reach, week };
  }
  return undefined;
}

export function fits(problem: PlanProblem, occupancy: Occupancy, order: PlanOrder, reach: Reach, week: number): boolean {
  const site = problem.sites.find((s) => s.siteId === reach.siteId);
  if (!site) return false;
  const key = siteWeek(site.siteId, week);
  if ((occupancy.slots.get(key) ?? 0) + 1 > (site.slots[week] ?? 0)) return false;
  if ((occupancy.hours.get(key) ?? 0) + order.shopHours > (site.hours[week] ?? 0) + 1e-6) return false;
  const policy = problem.tenants.find((t) => t.tenant === order.tenant);
  if (!policy) return true;
  const last = Math.min(problem.weeks, week + weeksDown(order, reach));
  for (let w = week; w < last; w++) {
    let grounded = 0;
    for (const s of problem.sites) {
      const extra = s.siteId === site.siteId ? 1 : 0;
      grounded += Math.max(0, (occupancy.inShop.get(tenantSiteWeek(order.tenant, s.siteId, w)) ?? 0) + extra - (policy.spares[s.siteId] ?? 0));
    }
    if (grounded > policy.maxAssetsDown) return false;
  }
  return true;
}
