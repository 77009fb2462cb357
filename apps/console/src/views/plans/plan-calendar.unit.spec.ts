import { calendarGrid, cellSummary, figureRows, movedLabel, riskTone, weekLabel } from './plan-calendar';
import type { PlanFigures, PlanView } from './plan-types';

const entry = (workOrderId: string, failureProbability: number) => ({ workOrderId, assetId: `A-${workOrderId}`, kind: 'inspection', weeksDown: 1, ferryDays: 0, latestWeek: 2, failureProbability });
const cell = (week: number, fields: Partial<PlanView['calendar']['sites'][number]['weeks'][number]> = {}) => ({ week, startsOn: `2026-01-${String(5 + week * 7).padStart(2, '0')}`, slotsUsed: 0, slots: 1, hoursUsed: 0, hours: 100, orders: [], ...fields });

const plan: Pick<PlanView, 'calendar' | 'moved'> = {
  calendar: {
    weeks: [{ week: 0, startsOn: '2026-01-05' }, { week: 1, startsOn: '2026-01-12' }],
    sites: [
      { siteId: 'LHR', weeks: [cell(0, { slotsUsed: 2, slots: 2, hoursUsed: 80, orders: [entry('wo-b', 0.01), entry('wo-a', 0.4)] }), cell(1)] },
      { siteId: 'MAN', weeks: [cell(0), cell(1, { slotsUsed: 2, slots: 1, hoursUsed: 40, orders: [entry('wo-c', 0.1), entry('wo-d', 0.1)] })] },
    ],
    unscheduled: [{ workOrderId: 'wo-e', assetId: 'A-e', latestWeek: 1, reason: 'missed-window' }],
  },
  moved: [{ workOrderId: 'wo-c', from: { siteId: 'LHR', week: 1 }, to: { siteId: 'MAN', week: 1 } }, { workOrderId: 'wo-x', from: { siteId: 'LHR', week: 0 }, to: null }],
};

describe('plan calendar', () => {
  it('given a plan, when laid out, then rows are sites, columns weeks, and each order sits in its site and week', () => {
    const grid = calendarGrid(plan, new Map([['wo-a', 1]]));
    expect(grid.columns).toEqual([{ week: 0, startsOn: '2026-01-05', label: 'W0 · 5 Jan' }, { week: 1, startsOn: '2026-01-12', label: 'W1 · 12 Jan' }]);
    expect(grid.rows.map((r) => [r.siteId, r.cells.map((c) => c.orders.map((o) => o.workOrderId)), r.inducted])).toEqual([
      ['LHR', [['wo-a', 'wo-b'], []], 2],
      ['MAN', [[], ['wo-c', 'wo-d']], 2],
    ]);
    const [a, b] = grid.rows[0]?.cells[0]?.orders ?? [];
    expect(a).toMatchObject({ tone: 'high', priority: 1 });
    expect(b?.tone).toBe('low');
    expect(b?.priority).toBeUndefined();
    expect(grid.rows[1]?.cells[1]?.orders[0]?.movedFrom).toEqual({ siteId: 'LHR', week: 1 });
    expect(grid.unscheduled.map((u) => u.workOrderId)).toEqual(['wo-e']);
  });

  it('given capacity, when laid out, then load is the tighter share and overflow flags a cell beyond it', () => {
    const grid = calendarGrid(plan);
    expect(grid.rows[0]?.cells[0]).toMatchObject({ load: 1, overflow: false });
    expect(grid.rows[1]?.cells[1]).toMatchObject({ load: 2, overflow: true });
    expect(grid.rows[0]?.cells[1]).toMatchObject({ load: 0, overflow: false });
    expect(cellSummary(grid.rows[1]?.cells[1] as never)).toBe('MAN, week 1: 2 of 1 slots, 40 of 100 h, over capacity; A-wo-c inspection (P(fail) 10 %), A-wo-d inspection (P(fail) 10 %)');
  });

  it('given probabilities, when toned, then low under 5 %, high from 20 %', () => {
    expect([0, 0.049, 0.05, 0.19, 0.2, 1].map(riskTone)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
    expect(weekLabel(3, 'not a date')).toBe('W3 · not a date');
  });

  it('given greedy and optimised figures, when compared, then the gain is what the optimiser saves', () => {
    const figures = (f: Partial<PlanFigures>): PlanFigures => ({ orders: 10, scheduled: 8, missedWindows: 2, deferredPastHorizon: 0, expectedUnplannedRemovals: 1.5, shopCost: 0, ferryCost: 0, earlyRemovalWaste: 0, groundedAircraftWeeks: 0, groundedCost: 0, cost: 100000, moved: 0, objective: 4000000, ...f });
    const rows = figureRows({ greedy: figures({}), optimised: figures({ scheduled: 10, missedWindows: 0, expectedUnplannedRemovals: 0.75, objective: 1500000, cost: 120000 }) });
    const row = (label: string) => rows.find((r) => r.label.startsWith(label));
    expect(row('Objective')).toEqual({ label: 'Objective (money)', greedy: '4,000,000', optimised: '1,500,000', gain: '+2,500,000', better: true });
    expect(row('Expected unplanned')).toMatchObject({ greedy: '1.50', optimised: '0.75', gain: '+0.75', better: true });
    expect(row('Cost')).toMatchObject({ gain: '−20,000', better: false });
    expect(row('Orders scheduled')).toMatchObject({ gain: '+2', better: true });
    expect(row('Aircraft-weeks')).toMatchObject({ gain: '—' });
  });

  it('given moved assignments, when labelled, then from → to or left out', () => {
    expect(plan.moved.map(movedLabel)).toEqual(['wo-c: LHR W1 → MAN W1', 'wo-x: LHR W0 → left out']);
  });
});
