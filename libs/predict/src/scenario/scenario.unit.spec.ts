import { wearRates, type EngineRecord } from '@fleettwin/simulator';
import { calibrationFrom } from './asset-calibration';
import { healthAt } from './degradation-curve';
import { CLIMATES, DEFAULT_PROFILE, ROUTES, wearMultiplier, type OperatingProfile } from './operating-profile';
import { DEFAULT_SCENARIO_OPTIONS, runAssetScenario, runFleetScenario, type CalibrationSnapshot, type ScenarioChange } from './scenario';

function snapshotOf(assetId: string, h0: number, a: number, b: number, cycles: number): CalibrationSnapshot {
  const history = Array.from({ length: cycles }, (_, i) => ({ cycle: i + 1, healthIndex: healthAt({ h0, a, b }, i) + 0.02 * Math.sin(i * 1.7) }));
  const state = calibrationFrom(assetId, history);
  if (!state.fit || !state.version || state.firstCycle === null) throw new Error('no fit');
  return { assetId, version: state.version, firstCycle: state.firstCycle, lastCycle: state.lastCycle, fit: state.fit };
}

const snapshot = snapshotOf('ESN-1', 0.9, 0.08, 1.5, 120);
const options = { ...DEFAULT_SCENARIO_OPTIONS, seed: 7, draws: 800 };
const run = (change: ScenarioChange, current: OperatingProfile = DEFAULT_PROFILE) => runAssetScenario(snapshot, current, change, options);
const median = (q: { p: number; cycles: number }[]) => q.find((x) => x.p === 0.5)?.cycles as number;

describe('wear sensitivities are the simulator’s ground truth', () => {
  const engine = {
    environment: { climate: 'temperate', route: 'short-haul', homeBase: 'EGLL' },
    dutyCycle: { cyclesPerDay: 4, hoursPerCycle: 1.5, takeoffDerate: 0.1 },
    tolerances: { hpcEfficiency: 0, fanEfficiency: 0, turbineTipClearance: 0, bearingClearance: 0, rotorImbalance: 0 },
  } as unknown as EngineRecord;
  const today: OperatingProfile = { ...DEFAULT_PROFILE, deratePercent: 10 };
  const simulatorRatio = (next: EngineRecord) => wearRates(next, false, 1).hpcPerCycle / wearRates(engine, false, 1).hpcPerCycle;

  it.each([0, 5, 20, 30])('given a derate of %s %%, then the multiplier equals the simulator’s HPC wear ratio', (d) => {
    expect(wearMultiplier(today, { ...today, deratePercent: d })).toBeCloseTo(simulatorRatio({ ...engine, dutyCycle: { ...engine.dutyCycle, takeoffDerate: d / 100 } }), 12);
  });
  it.each(CLIMATES.flatMap((c) => ROUTES.map((r) => [c, r] as const)))('given %s / %s, then the multiplier equals the simulator’s', (climate, route) => {
    expect(wearMultiplier(today, { ...today, climate, route })).toBeCloseTo(simulatorRatio({ ...engine, environment: { ...engine.environment, climate, route } }), 12);
  });
});

describe('propagating a scenario', () => {
  it('given more takeoff derate, then RUL lengthens monotonically and failure risk does not rise', () => {
    const runs = [5, 10, 15, 20, 30].map((deratePercent) => run({ profile: { deratePercent } }));
    const medians = runs.map((r) => median(r.scenario.rulCycles.quantiles));
    expect(medians[0]).toBeGreaterThan(median(runs[0]!.baseline.rulCycles.quantiles));
    for (let i = 1; i < medians.length; i++) expect(medians[i]).toBeGreaterThan(medians[i - 1] as number);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.scenario.failureProbability).toBeLessThanOrEqual(runs[i - 1]!.scenario.failureProbability);
  });

  it('given a hotter environment, then RUL shortens monotonically', () => {
    const medians = [2, 5, 10, 20].map((ambientDeltaC) => median(run({ profile: { ambientDeltaC } }).scenario.rulCycles.quantiles));
    for (let i = 1; i < medians.length; i++) expect(medians[i]).toBeLessThan(medians[i - 1] as number);
    expect(median(run({ profile: { climate: 'hot-humid' } }).scenario.rulCycles.quantiles)).toBeLessThan(median(run({ profile: { climate: 'hot-humid' } }).baseline.rulCycles.quantiles));
  });

  it('given a deferred work order, then the risk of failing before it rises and removals move later', () => {
    const result = run({ deferral: { dueInCycles: 10, deferCycles: 60 } });
    expect(result.baseline.maintenanceInCycles).toBe(10);
    expect(result.scenario.maintenanceInCycles).toBe(70);
    expect(result.scenario.failureProbability).toBeGreaterThan(result.baseline.failureProbability);
    expect(result.scenario.rulCycles).toEqual(result.baseline.rulCycles); // wear is unchanged by a deferral
  });

  it('given a part swap now that restores all wear, then the asset lives its whole curve again', () => {
    const result = run({ partSwap: { component: 'HPC module', inCycles: 0, restoreFraction: 1 } });
    expect(median(result.scenario.rulCycles.quantiles)).toBeCloseTo(median(result.baseline.rulCycles.quantiles) + 119, -1);
    const half = run({ partSwap: { component: 'HPC module', inCycles: 0, restoreFraction: 0.5 } });
    expect(median(half.scenario.rulCycles.quantiles)).toBeLessThan(median(result.scenario.rulCycles.quantiles));
    expect(median(half.scenario.rulCycles.quantiles)).toBeGreaterThan(median(half.baseline.rulCycles.quantiles));
  });

  it('given the same inputs and seed, then the bytes are identical; a different seed draws differently', () => {
    const change: ScenarioChange = { profile: { deratePercent: 12, ambientDeltaC: 4 } };
    const assets = [snapshot, snapshotOf('ESN-2', 0.8, 0.05, 2, 90)].map((s) => ({ snapshot: s, current: DEFAULT_PROFILE }));
    const a = JSON.stringify(runFleetScenario(assets, change, options));
    expect(JSON.stringify(runFleetScenario([...assets].reverse(), change, options))).toBe(a);
    expect(JSON.stringify(runFleetScenario(assets, change, { ...options, seed: 8 }))).not.toBe(a);
  });

  it('given a fleet, then the chartable shape holds: shared histogram edges, shares summing to 1, monthly removals', () => {
    const result = runFleetScenario([{ snapshot, current: { ...DEFAULT_PROFILE, cyclesPerDay: 2 } }], { profile: { deratePercent: 10 } }, options);
    const [asset] = result.assets;
    expect(asset?.histogram.edges).toHaveLength(options.histogramBins + 1);
    expect(asset?.histogram.baseline.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(asset?.histogram.scenario.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    expect(result.fleet.baseline.expectedRemovalsPerMonth).toHaveLength(12);
    // Median RUL is tens of cycles at 2 cycles/day: the removal is expected within the first months.
    expect(result.fleet.baseline.expectedRemovalsPerMonth.slice(0, 3).reduce((s, x) => s + x, 0)).toBeGreaterThan(0.9);
    expect(result.fleet.baseline.expectedFailuresWithinHorizon).toBe(asset?.baseline.failureProbability);
  });
});
