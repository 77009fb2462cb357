import { EMPTY_SCENARIO_FORM, parseAssetIds, scenarioRequest, type ScenarioForm } from './scenario-form';

const form = (fields: Partial<ScenarioForm>): ScenarioForm => ({ ...EMPTY_SCENARIO_FORM, ...fields });

describe('scenario form', () => {
  it('given asset ids and a derate, when submitted, then the gateway body with today’s profile and the options', () => {
    const built = scenarioRequest(form({ name: ' summer ', assetIds: 'E1, E2\nE1', profile: { ...EMPTY_SCENARIO_FORM.profile, deratePercent: '15', ambientDeltaC: '8' }, seed: '42', draws: '500' }));
    expect(built).toEqual({
      ok: true,
      body: {
        name: 'summer',
        assets: { ids: ['E1', 'E2'] },
        current: { deratePercent: 0, climate: 'temperate', route: 'short-haul', cyclesPerDay: 4, hoursPerCycle: 1.5 },
        change: { profile: { deratePercent: 15, ambientDeltaC: 8 } },
        seed: 42, draws: 500, horizonCycles: 100, months: 12,
      },
    });
  });

  it('given a fleet subset, a deferral and a part swap, when submitted, then each is in the change', () => {
    const built = scenarioRequest(form({
      selection: 'filter', minFailureProbability: '0.2', limit: '50',
      deferral: { enabled: true, workOrderId: 'wo-1', dueInCycles: '20', deferDays: '14' },
      partSwap: { enabled: true, component: 'HPC module', inCycles: '30', restoreFraction: '1' },
    }));
    expect(built.ok && built.body.assets).toEqual({ filter: { minFailureProbability: 0.2, limit: 50 } });
    expect(built.ok && built.body.change).toEqual({ deferral: { workOrderId: 'wo-1', dueInCycles: 20, deferDays: 14 }, partSwap: { component: 'HPC module', inCycles: 30, restoreFraction: 1 } });
  });

  it('given nothing changed, no assets and bad numbers, when submitted, then every problem is named', () => {
    const built = scenarioRequest(form({ profile: { ...EMPTY_SCENARIO_FORM.profile, deratePercent: '55' }, draws: '12.5' }));
    expect(built).toEqual({ ok: false, errors: ['Assets: give at least one asset id', 'Derate: a number from 0 to 40', 'A scenario changes something: the operating profile, a deferral or a part swap', 'Draws: a whole number from 100 to 20000'] });
    const swap = scenarioRequest(form({ assetIds: 'E1', partSwap: { enabled: true, component: '', inCycles: '', restoreFraction: '2' } }));
    expect(swap).toEqual({ ok: false, errors: ['Part swap: component required', 'Part swap: in (cycles): required', 'Part swap: restored share: a number from 0 to 1'] });
  });

  it('given separators of every kind, when ids are parsed, then unique ids in order', () => {
    expect(parseAssetIds(' A1,A2;  A3\nA1 ')).toEqual(['A1', 'A2', 'A3']);
  });
});
