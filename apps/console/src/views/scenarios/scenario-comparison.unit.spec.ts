import { comparisonRows, describeChange, fleetRows, histogramRows, histogramSeries, quantileBands, removalsSeries, rerunVerdict } from './scenario-comparison';
import type { AssetScenarioResult, RerunAnswer, ScenarioArm } from './scenario-types';

const arm = (fields: Partial<ScenarioArm> & { q: [number, number, number, number, number] }): ScenarioArm => ({
  wearMultiplier: 1, cyclesPerDay: 4, medianRulDays: 20, failureProbability: 0.5, maintenanceInCycles: null, expectedRemovalsPerMonth: [0.25, 0.5],
  rulCycles: { mean: 80, censored: 0, quantiles: [0.05, 0.25, 0.5, 0.75, 0.95].map((p, i) => ({ p, cycles: fields.q[i] ?? 0 })) },
  ...fields,
});

const asset: AssetScenarioResult = {
  assetId: 'E1', calibrationVersion: 'cal-1.x', medianRulChange: 20,
  baseline: arm({ q: [40, 60, 80, 100, 140], failureProbability: 0.62 }),
  scenario: arm({ q: [50, 75, 100, 125, 170], failureProbability: 0.41, wearMultiplier: 0.8, expectedRemovalsPerMonth: [0.1, 0.4], rulCycles: { mean: 101, censored: 0.01, quantiles: [] } }),
  histogram: { edges: [0, 50, 100, 150], baseline: [0.2, 0.5, 0.3], scenario: [0.1, 0.4, 0.5] },
};

describe('scenario comparison', () => {
  it('given a paired histogram, when made into series, then both arms share the edges and the outline closes at 0', () => {
    expect(histogramSeries(asset.histogram)).toEqual([[0, 50, 100, 150], [0.2, 0.5, 0.3, 0], [0.1, 0.4, 0.5, 0]]);
    expect(histogramRows(asset.histogram)).toEqual([
      { from: 0, to: 50, baseline: 0.2, scenario: 0.1 },
      { from: 50, to: 100, baseline: 0.5, scenario: 0.4 },
      { from: 100, to: 150, baseline: 0.3, scenario: 0.5 },
    ]);
    expect(histogramSeries({ edges: [], baseline: [], scenario: [] })).toEqual([[], [], []]);
  });

  it('given quantiles, when bands are made, then 5–95 %, 25–75 % and the median per arm; missing quantiles stay undefined', () => {
    expect(quantileBands(asset)).toEqual([
      { arm: 'baseline', outer: [40, 140], inner: [60, 100], median: 80 },
      { arm: 'scenario', outer: undefined, inner: undefined, median: undefined },
    ]);
  });

  it('given removals of unequal length, when aligned, then months from 1 and zeros where an arm has none', () => {
    expect(removalsSeries([0.1, 0.2, 0.3], [0.05])).toEqual([[1, 2, 3], [0.1, 0.2, 0.3], [0.05, 0, 0]]);
  });

  it('given baseline and scenario, when compared, then signed changes, and better where life grows or risk falls', () => {
    const withQuantiles = { ...asset, scenario: arm({ q: [50, 75, 100, 125, 170], failureProbability: 0.41, expectedRemovalsPerMonth: [0.1, 0.4] }) };
    const rows = comparisonRows(withQuantiles, 100);
    const row = (label: string) => rows.find((r) => r.label === label);
    expect(row('Median RUL (cycles)')).toEqual({ label: 'Median RUL (cycles)', baseline: '80', scenario: '100', change: '+20', better: true });
    expect(row('P(failure within 100 cycles)')).toMatchObject({ baseline: '62 %', scenario: '41 %', change: '−21.0 pt', better: true });
    expect(row('Expected removals (all months)')).toMatchObject({ baseline: '0.75', scenario: '0.50', change: '−0.25', better: true });
    expect(row('RUL 5–95 % (cycles)')).toMatchObject({ baseline: '40–140', scenario: '50–170', change: '' });
    expect(row('Mean RUL (cycles)')?.better).toBeUndefined(); // equal means: no colour
  });

  it('given fleet figures, when compared, then more failures are worse', () => {
    const rows = fleetRows({ baseline: { expectedFailuresWithinHorizon: 1.2, expectedRemovalsPerMonth: [1] }, scenario: { expectedFailuresWithinHorizon: 1.5, expectedRemovalsPerMonth: [1] } });
    expect(rows[0]).toMatchObject({ change: '+0.30', better: false });
    expect(rows[1]).toMatchObject({ change: '±0.00' });
    expect(rows[1]?.better).toBeUndefined();
    const tiny = fleetRows({ baseline: { expectedFailuresWithinHorizon: 1, expectedRemovalsPerMonth: [1] }, scenario: { expectedFailuresWithinHorizon: 0.996, expectedRemovalsPerMonth: [0.996] } });
    expect(tiny[0]?.change).toBe('±0.00'); // rounds to nothing: no '−0.00'
  });

  it('given a change, when described, then profile, deferral and swap in one line', () => {
    expect(describeChange({ profile: { deratePercent: 15, ambientDeltaC: -5 }, deferral: { dueInCycles: 20, deferDays: 14 }, partSwap: { component: 'HPC module', inCycles: 30, restoreFraction: 0.5 } }))
      .toBe('derate 15 %, −5 °C; defer due in 20 cycles by 14 d; swap HPC module in 30 cycles (50 % restored)');
    expect(describeChange({})).toBe('no change');
  });

  it('given a rerun, when judged, then identical, identical despite changed versions, or different', () => {
    const answer = (identical: boolean, changes: string[]) => ({ id: 's', identical, changes } as unknown as RerunAnswer);
    expect(rerunVerdict(answer(true, []))).toEqual({ tone: 'ok', text: 'Identical: the rerun reproduced the stored result byte for byte.' });
    expect(rerunVerdict(answer(true, ['predictor model a → b'])).text).toContain('predictor model a → b');
    expect(rerunVerdict(answer(false, []))).toMatchObject({ tone: 'warn' });
  });
});
