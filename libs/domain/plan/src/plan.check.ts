import { groundedByTenantWeek, indexOrders, occupancyOf, reachFor, siteWeek } from './plan.occupancy';
import { dueWithinHorizon, windowOf, type Assignment, type PlanProblem } from './plan.problem';

export type PlanViolation =
  | { code: 'UNKNOWN_ORDER' | 'DUPLICATE_ORDER'; workOrderId: string }
  | { code: 'UNREACHABLE_SITE'; workOrderId: string; siteId: string }
  | { code: 'OUTSIDE_DUE_WINDOW'; workOrderId: string; week: number; earliestWeek: number; latestWeek: number }
  | { code: 'DUE_WINDOW_MISSED'; workOrderId: string; latestWeek: number }
  | { code: 'SLOTS_EXCEEDED' | 'HOURS_EXCEEDED'; siteId: string; week: number; used: number; capacity: number }
  | { code: 'AVAILABILITY_TARGET_EXCEEDED'; tenant: string; week: number; grounded: number; allowed: number };

const EPSILON = 1e-6;

/**
 * Every rule a plan must keep, checked from the problem alone — for any plan, whoever made it.
 * An order left out though its latest safe week is inside the horizon is a missed due window.
 */
export function checkPlan(problem: PlanProblem, assignments: readonly Assignment[]): PlanViolation[] {
  const violations: PlanViolation[] = [];
  const orders = indexOrders(problem);
  const seen = new Set<string>();
  for (const a of assignments) {
    const order = orders.get(a.workOrderId);
    if (!order) {
      violations.push({ code: 'UNKNOWN_ORDER', workOrderId: a.workOrderId });
      continue;
    }
    if (seen.has(a.workOrderId)) violations.push({ code: 'DUPLICATE_ORDER', workOrderId: a.workOrderId });
    seen.add(a.workOrderId);
    if (!reachFor(order, a.siteId)) violations.push({ code: 'UNREACHABLE_SITE', workOrderId: a.workOrderId, siteId: a.siteId });
    const window = windowOf(order, problem.weeks);
    if (!Number.isInteger(a.week) || a.week < window.from || a.week > window.to) {
      violations.push({ code: 'OUTSIDE_DUE_WINDOW', workOrderId: a.workOrderId, week: a.week, earliestWeek: window.from, latestWeek: window.to });
    }
  }
  for (const order of orders.values()) {
    if (!seen.has(order.workOrderId) && dueWithinHorizon(order, problem.weeks)) violations.push({ code: 'DUE_WINDOW_MISSED', workOrderId: order.workOrderId, latestWeek: order.latestWeek });
  }
  const occupancy = occupancyOf(problem, assignments);
  for (const site of problem.sites) {
    for (let w = 0; w < problem.weeks; w++) {
      const slots = occupancy.slots.get(siteWeek(site.siteId, w)) ?? 0;
      const hours = occupancy.hours.get(siteWeek(site.siteId, w)) ?? 0;
      if (slots > (site.slots[w] ?? 0)) violations.push({ code: 'SLOTS_EXCEEDED', siteId: site.siteId, week: w, used: slots, capacity: site.slots[w] ?? 0 });
      if (hours > (site.hours[w] ?? 0) + EPSILON) violations.push({ code: 'HOURS_EXCEEDED', siteId: site.siteId, week: w, used: hours, capacity: site.hours[w] ?? 0 });
    }
  }
  const grounded = groundedByTenantWeek(problem, occupancy);
  for (const t of problem.tenants) {
    for (let w = 0; w < problem.weeks; w++) {
      const g = grounded.get(`${t.tenant}|${w}`) ?? 0;
      if (g > t.maxAssetsDown) violations.push({ code: 'AVAILABILITY_TARGET_EXCEEDED', tenant: t.tenant, week: w, grounded: g, allowed: t.maxAssetsDown });
    }
  }
  return violations;
}

/** Capacity and availability breaks make a plan unusable; a missed window is a (reported) consequence of too little capacity. */
export function isCapacityViolation(v: PlanViolation): boolean {
  return v.code !== 'DUE_WINDOW_MISSED';
}
