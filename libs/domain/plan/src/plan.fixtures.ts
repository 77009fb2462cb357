import type { PlanOrder, PlanProblem } from './plan.problem';

/** A small hand-made problem: two shops, four weeks, one airline. */
export function smallProblem(overrides: Partial<PlanProblem> = {}): PlanProblem {
  return {
    startsOn: '2026-01-05',
    weeks: 4,
    sites: [
      { siteId: 'HOME', slots: [1, 1, 1, 1], hours: [100, 100, 100, 100], costPerHour: 100 },
      { siteId: 'AWAY', slots: [1, 1, 1, 1], hours: [100, 100, 100, 100], costPerHour: 100 },
    ],
    tenants: [{ tenant: 'acme', spares: { HOME: 1, AWAY: 1 }, maxAssetsDown: 0, groundedCostPerWeek: 100_000 }],
    orders: [order('WO-1', 1), order('WO-2', 2), order('WO-3', 3)],
    costs: { unplannedRemoval: 1_000_000, missedWindow: 500_000, changePenalty: 50_000 },
    accepted: {},
    ...overrides,
  };
}

/** Risk that climbs steeply after the latest safe week. */
export function order(workOrderId: string, latestWeek: number, extra: Partial<PlanOrder> = {}): PlanOrder {
  return {
    workOrderId,
    tenant: 'acme',
    assetId: `ESN-${workOrderId}`,
    kind: 'inspection',
    homeSiteId: 'HOME',
    earliestWeek: 0,
    latestWeek,
    failureProbability: Array.from({ length: 5 }, (_, w) => (w <= latestWeek ? 0.01 * w : Math.min(1, 0.3 * (w - latestWeek)))),
    shopHours: 40,
    turnDays: 3,
    lifeValuePerWeek: 20_000,
    reach: [{ siteId: 'HOME', ferryDays: 0, ferryCost: 0 }, { siteId: 'AWAY', ferryDays: 1, ferryCost: 30_000 }],
    ...extra,
  };
}
