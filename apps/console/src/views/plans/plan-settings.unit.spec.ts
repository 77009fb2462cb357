import { defaultPlanForm, mondayOf, planRequest } from './plan-settings';

const NOW = Date.UTC(2026, 10, 26, 15, 0); // a Thursday

describe('plan settings form', () => {
  it('given any day, when the week start is asked, then its Monday in UTC', () => {
    expect(mondayOf(NOW)).toBe('2026-11-23');
    expect(mondayOf(Date.UTC(2026, 10, 23))).toBe('2026-11-23');
    expect(mondayOf(Date.UTC(2026, 10, 29, 23, 59))).toBe('2026-11-23');
  });

  it('given the default form, when submitted, then sites, spares, ferries both ways and the solver limit', () => {
    const built = planRequest(defaultPlanForm(NOW));
    expect(built).toEqual({
      ok: true,
      body: {
        settings: {
          startsOn: '2026-11-23', weeks: 8,
          sites: [{ siteId: 'MRO-NORTH', slotsPerWeek: 1, hoursPerWeek: 1000, costPerHour: 120 }, { siteId: 'MRO-SOUTH', slotsPerWeek: 1, hoursPerWeek: 1000, costPerHour: 95 }],
          ferries: [{ from: 'MRO-NORTH', to: 'MRO-SOUTH', days: 1, cost: 15000 }, { from: 'MRO-SOUTH', to: 'MRO-NORTH', days: 1, cost: 15000 }],
          defaultHomeSiteId: 'MRO-NORTH',
          policy: { spares: { 'MRO-NORTH': 1, 'MRO-SOUTH': 1 } },
          solver: { timeLimitSeconds: 10 },
        },
      },
    });
  });

  it('given stored settings, when submitted, then only the plan id goes', () => {
    expect(planRequest({ ...defaultPlanForm(NOW), useStored: true, planId: 'q1' })).toEqual({ ok: true, body: { planId: 'q1' } });
    expect(planRequest({ ...defaultPlanForm(NOW), useStored: true })).toEqual({ ok: true, body: {} });
  });

  it('given bad input, when submitted, then every problem is named', () => {
    const form = defaultPlanForm(NOW);
    const built = planRequest({ ...form, planId: 'bad id', weeks: '60', ferryDays: '', sites: [{ ...form.sites[0]!, slotsPerWeek: '1.5' }, { ...form.sites[0]!, siteId: 'MRO-NORTH' }] });
    expect(built).toEqual({ ok: false, errors: ['Plan id: 1-128 letters, digits, "_" or "-"', 'Weeks: a whole number from 1 to 52', 'MRO-NORTH: slots per week: a whole number from 0 to 1000', 'Sites: ids must be unique'] });
  });

  it('given no ferry days and a grounding cap, when submitted, then no ferries and maxAssetsDown in the policy', () => {
    const built = planRequest({ ...defaultPlanForm(NOW), ferryDays: '', maxAssetsDown: '2' });
    expect(built.ok && built.body.settings?.ferries).toEqual([]);
    expect(built.ok && built.body.settings?.policy).toEqual({ spares: { 'MRO-NORTH': 1, 'MRO-SOUTH': 1 }, maxAssetsDown: 2 });
  });
});
