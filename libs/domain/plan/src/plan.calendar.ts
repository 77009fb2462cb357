import { weekStart } from './failure-curve';
import { indexOrders, occupancyOf, reachFor, siteWeek } from './plan.occupancy';
import { dueWithinHorizon, weeksDown, type Assignment, type PlanProblem } from './plan.problem';

export interface CalendarEntry {
  workOrderId: string;
  assetId: string;
  tenant: string;
  kind: string;
  homeSiteId: string;
  weeksDown: number;
  ferryDays: number;
  latestWeek: number;
  /** P(failure in service before this induction). */
  failureProbability: number;
}

export interface PlanCalendar {
  startsOn: string;
  weeks: { week: number; startsOn: string }[];
  sites: {
    siteId: string;
    weeks: { week: number; startsOn: string; slotsUsed: number; slots: number; hoursUsed: number; hours: number; orders: CalendarEntry[] }[];
  }[];
  /** Orders this plan leaves out: a missed window, or due after the horizon. */
  unscheduled: { workOrderId: string; assetId: string; latestWeek: number; reason: 'missed-window' | 'past-horizon' }[];
}

/** Per site and week, what is inducted: the shape a console draws as a calendar. */
export function planCalendar(problem: PlanProblem, assignments: readonly Assignment[]): PlanCalendar {
  const orders = indexOrders(problem);
  const occupancy = occupancyOf(problem, assignments);
  const cells = new Map<string, CalendarEntry[]>();
  for (const a of assignments) {
    const order = orders.get(a.workOrderId);
    const reach = order && reachFor(order, a.siteId);
    if (!order || !reach) continue;
    const key = siteWeek(a.siteId, a.week);
    cells.set(key, [
      ...(cells.get(key) ?? []),
      {
        workOrderId: order.workOrderId, assetId: order.assetId, tenant: order.tenant, kind: order.kind, homeSiteId: order.homeSiteId,
        weeksDown: weeksDown(order, reach), ferryDays: reach.ferryDays, latestWeek: order.latestWeek, failureProbability: order.failureProbability[a.week] ?? 1,
      },
    ]);
  }
  const weeks = Array.from({ length: problem.weeks }, (_, week) => ({ week, startsOn: weekStart(problem.startsOn, week) }));
  const planned = new Set(assignments.map((a) => a.workOrderId));
  return {
    startsOn: problem.startsOn,
    weeks,
    sites: problem.sites.map((site) => ({
      siteId: site.siteId,
      weeks: weeks.map(({ week, startsOn }) => ({
        week,
        startsOn,
        slotsUsed: occupancy.slots.get(siteWeek(site.siteId, week)) ?? 0,
        slots: site.slots[week] ?? 0,
        hoursUsed: occupancy.hours.get(siteWeek(site.siteId, week)) ?? 0,
        hours: site.hours[week] ?? 0,
        orders: (cells.get(siteWeek(site.siteId, week)) ?? []).sort((a, b) => a.workOrderId.localeCompare(b.workOrderId)),
      })),
    })),
    unscheduled: problem.orders
      .filter((o) => !planned.has(o.workOrderId))
      .map((o) => ({ workOrderId: o.workOrderId, assetId: o.assetId, latestWeek: o.latestWeek, reason: dueWithinHorizon(o, problem.weeks) ? ('missed-window' as const) : ('past-horizon' as const) })),
  };
}
