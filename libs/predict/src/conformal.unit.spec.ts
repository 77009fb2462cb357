import { calibrate, failureProbability, rulInterval } from './conformal';
import { intervalCoverage } from './metrics';
import { seededRandom } from './random';
import { gaussian } from './testing/synthetic-fleet';

describe('split-conformal RUL intervals', () => {
  // Residual spread grows with predicted RUL, as in C-MAPSS.
  const sample = (seed: number, n: number): { predicted: number; actual: number }[] => {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => {
      const predicted = random() * 125;
      return { predicted, actual: predicted + gaussian(random) * (3 + predicted / 8) };
    });
  };

  it('given calibration residuals, when intervals are built for fresh data, then about 80% of true values fall inside', () => {
    // given
    const calibration = calibrate(sample(1, 3000), 5);
    const fresh = sample(2, 3000);
    // when
    const coverage = intervalCoverage(fresh.map((p) => rulInterval(calibration, p.predicted, 0.8)), fresh.map((p) => p.actual));
    // then
    expect(coverage).toBeGreaterThan(0.77);
    expect(coverage).toBeLessThan(0.83);
  });

  it('given heteroscedastic errors, when binned, then intervals are wider far from failure than near it', () => {
    const calibration = calibrate(sample(3, 3000), 5);
    const near = rulInterval(calibration, 10);
    const far = rulInterval(calibration, 110);
    expect(far.upper - far.lower).toBeGreaterThan(2 * (near.upper - near.lower));
  });

  it('given a calibration, when failure probability is asked over a growing horizon, then it rises from 0 toward 1', () => {
    const calibration = calibrate(sample(4, 2000), 5);
    const p = [5, 20, 40, 80, 200].map((h) => failureProbability(calibration, 40, h));
    expect(p[0]).toBeLessThan(0.05);
    expect(p[4]).toBe(1);
    p.slice(1).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(p[i] as number));
    expect(failureProbability(calibration, 40, 40)).toBeCloseTo(0.5, 1);
  });

  it('given an interval, when its lower bound would go negative, then it stops at zero cycles', () => {
    expect(rulInterval(calibrate(sample(5, 1000), 5), 0).lower).toBe(0);
  });
});
