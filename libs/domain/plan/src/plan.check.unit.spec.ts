import { checkPlan } from './plan.check';
import { planFigures } from './plan.figures';
import { greedyPlan } from './greedy';
import { order, smallProblem } from './plan.fixtures';
import { failureCurve } from './failure-curve';

describe('checkPlan: every rule, for any plan', () => {
  const problem = smallProblem();

  it('given a plan inside every window and capacity, then no violation', () => {
    expect(checkPlan(problem, [{ workOrderId: 'WO-1', siteId: 'HOME', week: 1 }, { workOrderId: 'WO-2', siteId: 'HOME', week: 2 }, { workOrderId: 'WO-3', siteId: 'AWAY', week: 3 }])).toEqual([]);
  });

  it('given two inductions in one slot, a week past the window, an unreachable site and a missing order, then each is named', () => {
    const codes = checkPlan(smallProblem({ orders: [order('WO-1', 1), order('WO-2', 1, { reach: [{ siteId: 'HOME', ferryDays: 0, ferryCost: 0 }] }), order('WO-3', 2)] }), [
      { workOrderId: 'WO-1', siteId: 'HOME', week: 1 },
      { workOrderId: 'WO-2', siteId: 'HOME', week: 1 },
      { workOrderId: 'WO-3', siteId: 'HOME', week: 3 },
      { workOrderId: 'WO-9', siteId: 'HOME', week: 0 },
    ]).map((v) => v.code);
    expect(codes.sort()).toEqual(['AVAILABILITY_TARGET_EXCEEDED', 'OUTSIDE_DUE_WINDOW', 'SLOTS_EXCEEDED', 'UNKNOWN_ORDER']);
    expect(checkPlan(problem, [{ workOrderId: 'WO-1', siteId: 'NOWHERE', week: 0 }]).map((v) => v.code)).toContain('UNREACHABLE_SITE');
    expect(checkPlan(problem, [{ workOrderId: 'WO-1', siteId: 'HOME', week: 0 }]).map((v) => v.code)).toEqual(['DUE_WINDOW_MISSED', 'DUE_WINDOW_MISSED']);
  });

  it('given more hours than the shop has, then HOURS_EXCEEDED', () => {
    const heavy = smallProblem({ orders: [order('WO-1', 1, { shopHours: 150 })] });
    expect(checkPlan(heavy, [{ workOrderId: 'WO-1', siteId: 'HOME', week: 0 }])).toEqual([{ code: 'HOURS_EXCEEDED', siteId: 'HOME', week: 0, used: 150, capacity: 100 }]);
  });

  it('given two assets in one shop with one spare and no grounding allowed, then the availability target is exceeded', () => {
    const p = smallProblem({ sites: [{ siteId: 'HOME', slots: [2, 2, 2, 2], hours: [100, 100, 100, 100], costPerHour: 100 }] });
    const v = checkPlan(p, [{ workOrderId: 'WO-1', siteId: 'HOME', week: 0 }, { workOrderId: 'WO-2', siteId: 'HOME', week: 0 }, { workOrderId: 'WO-3', siteId: 'HOME', week: 1 }]);
    expect(v).toEqual([{ code: 'AVAILABILITY_TARGET_EXCEEDED', tenant: 'acme', week: 0, grounded: 1, allowed: 0 }]);
  });
});

describe('greedy baseline', () => {
  it('given three orders, then earliest due first into the first week with room, home base before a ferry', () => {
    expect(greedyPlan(smallProblem())).toEqual([
      { workOrderId: 'WO-1', siteId: 'HOME', week: 0 },
      { workOrderId: 'WO-2', siteId: 'AWAY', week: 0 },
      { workOrderId: 'WO-3', siteId: 'HOME', week: 1 },
    ]);
  });

  it('keeps every rule the checker knows', () => {
    const p = smallProblem({ orders: [order('WO-1', 0), order('WO-2', 0), order('WO-3', 0), order('WO-4', 1)] });
    const plan = greedyPlan(p);
    expect(checkPlan(p, plan).filter((v) => v.code !== 'DUE_WINDOW_MISSED')).toEqual([]);
  });
});

describe('planFigures', () => {
  it('prices risk, shop, ferry, early removal and misses', () => {
    const p = smallProblem({ orders: [order('WO-1', 2), order('WO-2', 1)] });
    const f = planFigures(p, [{ workOrderId: 'WO-1', siteId: 'AWAY', week: 0 }]);
    expect(f).toMatchObject({ scheduled: 1, missedWindows: 1, shopCost: 8000, ferryCost: 30_000, earlyRemovalWaste: 40_000, expectedUnplannedRemovals: 0.9 });
    expect(f.objective).toBe(0.9 * 1_000_000 + 8000 + 30_000 + 40_000 + 500_000);
  });
});

describe('failureCurve', () => {
  it('is non-decreasing and crosses the interval coverage at its bounds', () => {
    const curve = failureCurve({ rul: { mean: 100, lower: 80, upper: 120, coverage: 0.8 }, predictedAt: '2026-01-05T00:00:00Z', cyclesPerDay: 20 / 7, startsOn: '2026-01-05', weeks: 10 });
    expect(curve.every((p, i) => i === 0 || p >= curve[i - 1]!)).toBe(true);
    expect(curve[4]).toBeCloseTo(0.1, 2); // 80 cycles: the lower bound of an 80 % interval
    expect(curve[6]).toBeCloseTo(0.9, 2);
  });
});
