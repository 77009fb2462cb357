import { PlanSettings } from '@fleettwin/contracts';
import { planProblemFrom, predictedWorkOrders, type PlannableWorkOrder } from './plan-problem.builder';
import { planDrift } from './plan.drift';

const settings = PlanSettings.parse({
  startsOn: '2026-03-02',
  weeks: 6,
  sites: [
    { siteId: 'LHR', slotsPerWeek: 2, hoursPerWeek: 500, costPerHour: 120 },
    { siteId: 'DXB', slotsPerWeek: [1, 1, 2, 2, 2, 2], hoursPerWeek: 400, costPerHour: 80 },
  ],
  ferries: [{ from: 'LHR', to: 'DXB', days: 2, cost: 90000 }],
  homeBases: { 'ESN-2': 'DXB' },
  policy: { spares: { LHR: 2 }, availability: { target: 0.95, fleetSize: 40 } },
  hoursByKind: { repair: 300 },
});

const rul = { mean: 60, lower: 40, upper: 80, coverage: 0.8 };
const orders: PlannableWorkOrder[] = [
  { workOrderId: 'WO-2', tenant: 'acme', assetId: 'ESN-2', kind: 'inspection', dueAt: '2026-03-20T00:00:00Z', evidence: [{ occurredAt: '2026-03-02T00:00:00Z', rul }] },
  { workOrderId: 'WO-1', tenant: 'acme', assetId: 'ESN-1', kind: 'repair', dueAt: '2026-03-10T12:00:00Z', evidence: [] },
];

describe('planProblemFrom', () => {
  const problem = planProblemFrom(settings, orders, { tenant: 'acme', cyclesPerDay: 4, accepted: [{ workOrderId: 'WO-1', siteId: 'LHR', week: 1 }] });

  it('given settings and open orders, then sites per week, the tenant policy from the availability target, and accepted slots', () => {
    expect(problem.sites.map((s) => [s.siteId, s.slots])).toEqual([['LHR', [2, 2, 2, 2, 2, 2]], ['DXB', [1, 1, 2, 2, 2, 2]]]);
    expect(problem.tenants).toEqual([{ tenant: 'acme', spares: { LHR: 2, DXB: 0 }, maxAssetsDown: 2, groundedCostPerWeek: 150000 }]);
    expect(problem.accepted).toEqual({ 'WO-1': { siteId: 'LHR', week: 1 } });
  });

  it('given each order, then its home base, reach (ferries from the base only), window and hours', () => {
    const [wo1, wo2] = problem.orders;
    expect(wo1).toMatchObject({ workOrderId: 'WO-1', homeSiteId: 'LHR', latestWeek: 1, shopHours: 300, turnDays: 21, reach: [{ siteId: 'LHR', ferryDays: 0, ferryCost: 0 }, { siteId: 'DXB', ferryDays: 2, ferryCost: 90000 }] });
    expect(wo2).toMatchObject({ workOrderId: 'WO-2', homeSiteId: 'DXB', latestWeek: 2, shopHours: 40, reach: [{ siteId: 'DXB', ferryDays: 0, ferryCost: 0 }] });
    expect(wo2!.failureProbability).toHaveLength(7);
    // A hand-raised order (no RUL) still carries risk that grows past its due date.
    expect(wo1!.failureProbability[1]!).toBeLessThan(0.2);
    expect(wo1!.failureProbability[6]!).toBeGreaterThan(0.9);
  });
});

describe('predictedWorkOrders', () => {
  it('given predictions for a covered and a new asset, then only the new one, due where the policy would put it', () => {
    const predicted = predictedWorkOrders(
      [
        { assetId: 'ESN-2', kind: 'inspection', rul, predictedAt: '2026-03-02T00:00:00Z' },
        { assetId: 'ESN-9', kind: 'repair', rul, predictedAt: '2026-03-02T00:00:00Z' },
      ],
      orders,
      settings,
      { tenant: 'acme', cyclesPerDay: 5 },
    );
    // (40 − 10 cycles of margin) / 5 cycles a day = 6 days after the prediction.
    expect(predicted).toEqual([{ workOrderId: 'predicted-ESN-9', tenant: 'acme', assetId: 'ESN-9', kind: 'repair', dueAt: '2026-03-08T00:00:00.000Z', evidence: [{ occurredAt: '2026-03-02T00:00:00Z', rul }] }]);
  });
});

describe('planDrift', () => {
  const problem = planProblemFrom(settings, orders, { tenant: 'acme', cyclesPerDay: 4 });

  it('given the same open orders, then nothing to re-plan', () => {
    expect(planDrift(problem, orders)).toEqual({ newOrders: [], closedOrders: [], dueMoved: [], replanSuggested: false });
  });

  it('given a new order, a closed one and a due date pulled in, then each is named and a re-plan suggested', () => {
    const now: PlannableWorkOrder[] = [
      { ...orders[0]!, dueAt: '2026-03-12T00:00:00Z' },
      { workOrderId: 'WO-3', tenant: 'acme', assetId: 'ESN-3', kind: 'inspection', dueAt: '2026-03-30T00:00:00Z', evidence: [] },
    ];
    expect(planDrift(problem, now)).toEqual({ newOrders: ['WO-3'], closedOrders: ['WO-1'], dueMoved: [{ workOrderId: 'WO-2', from: 2, to: 1 }], replanSuggested: true });
  });
});
