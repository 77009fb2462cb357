import { appendCycle, createAssetWindow } from './asset-window';
import { INFORMATIVE_SENSORS, type Cycle } from './cycle';
import { extractFeatures, featureSpec, trajectoryFeatures } from './features';
import { fitNormalisation, normaliseCycle } from './normalisation';
import { syntheticFleet } from './testing/synthetic-fleet';

describe('window features', () => {
  const spec = featureSpec({ baselineCycles: 5, recentCycles: 8 }, 3);

  it('given a sensor ramping by 2 per cycle, when features are extracted, then slope is 2, level is the last 3 mean and drift is from the first cycles', () => {
    // given
    const ramp = Array.from({ length: 12 }, (_, t) => INFORMATIVE_SENSORS.map((_, k) => (k === 0 ? 2 * t : 0)));
    // when
    const features = extractFeatures(spec, ramp.slice(0, 5), ramp.slice(-8), 12);
    // then
    const get = (name: string): number => features[spec.names.indexOf(name)] as number;
    expect(get('s2.slope')).toBeCloseTo(2);
    expect(get('s2.level')).toBeCloseTo((18 + 20 + 22) / 3);
    expect(get('s2.mean')).toBeCloseTo((8 + 22) / 2);
    expect(get('s2.drift')).toBeCloseTo(20 - 4);
    expect(get('s3.slope')).toBe(0);
    expect(get('age')).toBe(12);
  });

  it('given a trajectory, when fed cycle by cycle into an asset window, then features match the training path exactly', () => {
    // given
    const [unit] = syntheticFleet({ units: 1, seed: 3, minLife: 40, maxLife: 40 });
    const cycles = unit?.cycles ?? [];
    const normalisation = fitNormalisation(cycles);
    const training = trajectoryFeatures(spec, cycles.map((c) => normaliseCycle(normalisation, c)));
    // when
    let window = createAssetWindow('a-1', spec);
    const serving = cycles.map((cycle: Cycle) => {
      window = appendCycle(window, cycle);
      const z = (c: Cycle): number[] => normaliseCycle(normalisation, c);
      return extractFeatures(spec, window.baseline.map(z), window.recent.map(z), window.cyclesSeen);
    });
    // then
    expect(serving).toEqual(training);
    expect(window.recent).toHaveLength(8);
    expect(window.baseline).toHaveLength(5);
  });

  it('given a window, when a cycle is appended, then the original window is unchanged', () => {
    const window = createAssetWindow('a-1', spec);
    const next = appendCycle(window, { cycle: 1, settings: [0, 0, 100], sensors: new Array<number>(21).fill(1) });
    expect(window.cyclesSeen).toBe(0);
    expect(next.cyclesSeen).toBe(1);
  });
});
