import { weeksDown, type Assignment, type PlanOrder, type PlanProblem, type Reach } from './plan.problem';

/** What a set of assignments uses: per site and week, and per tenant, site and week. */
export interface Occupancy {
  slots: Map<string, number>;
  hours: Map<string, number>;
  /** Assets in the shop (or ferrying) by tenant, site and week. */
  inShop: Map<string, number>;
}

export const siteWeek = (siteId: string, week: number): string => `${siteId}|${week}`;
export const tenantSiteWeek = (tenant: string, siteId: string, week: number): string => `${tenant}|${siteId}|${week}`;

export function indexOrders(problem: PlanProblem): Map<string, PlanOrder> {
  return new Map(problem.orders.map((o) => [o.workOrderId, o]));
}

export function reachFor(order: PlanOrder, siteId: string): Reach | undefined {
  return order.reach.find((r) => r.siteId === siteId);
}

export function emptyOccupancy(): Occupancy {
  return { slots: new Map(), hours: new Map(), inShop: new Map() };
}

export function occupy(occupancy: Occupancy, problem: PlanProblem, order: PlanOrder, reach: Reach, week: number): void {
  const key = siteWeek(reach.siteId, week);
  occupancy.slots.set(key, (occupancy.slots.get(key) ?? 0) + 1);
  occupancy.hours.set(key, (occupancy.hours.get(key) ?? 0) + order.shopHours);
  const last = Math.min(problem.weeks, week + weeksDown(order, reach));
  for (let w = week; w < last; w++) {
    const k = tenantSiteWeek(order.tenant, reach.siteId, w);
    occupancy.inShop.set(k, (occupancy.inShop.get(k) ?? 0) + 1);
  }
}

export function occupancyOf(problem: PlanProblem, assignments: readonly Assignment[]): Occupancy {
  const orders = indexOrders(problem);
  const occupancy = emptyOccupancy();
  for (const a of assignments) {
    const order = orders.get(a.workOrderId);
    const reach = order && reachFor(order, a.siteId);
    if (order && reach) occupy(occupancy, problem, order, reach, a.week);
  }
  return occupancy;
}

/** Aircraft grounded by tenant and week: assets in the shop beyond the site's spares, summed over sites. */
export function groundedByTenantWeek(problem: PlanProblem, occupancy: Occupancy): Map<string, number> {
  const grounded = new Map<string, number>();
  for (const t of problem.tenants) {
    for (let w = 0; w < problem.weeks; w++) {
      let sum = 0;
      for (const s of problem.sites) sum += Math.max(0, (occupancy.inShop.get(tenantSiteWeek(t.tenant, s.siteId, w)) ?? 0) - (t.spares[s.siteId] ?? 0));
      grounded.set(`${t.tenant}|${w}`, sum);
    }
  }
  return grounded;
}
