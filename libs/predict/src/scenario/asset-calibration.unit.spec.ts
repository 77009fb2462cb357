import { seededRandom } from '../random';
import { calibrationFrom, calibrationReport, createCalibration, recordHealth, type HealthObservation } from './asset-calibration';
import { fitDegradationCurve } from './curve-fit';
import { ageAtThreshold, healthAt, type DegradationCurve } from './degradation-curve';
import { normalDraw } from './monte-carlo';

/** A noisy trajectory that follows `curve` exactly in expectation. */
function trajectory(curve: DegradationCurve, cycles: number, noise: number, seed: number, from = 1): HealthObservation[] {
  const random = seededRandom(seed);
  return Array.from({ length: cycles }, (_, i) => ({ cycle: from + i, healthIndex: Math.min(1, Math.max(0, healthAt(curve, i) + noise * normalDraw(random))) }));
}

const TRUE: DegradationCurve = { h0: 0.9, a: 0.08, b: 1.5 };

describe('fitting an asset’s degradation curve', () => {
  it('given 150 noisy cycles of a known curve, when fitted, then the end of life is recovered within its uncertainty', () => {
    // given
    const history = trajectory(TRUE, 150, 0.03, 1).map((o) => ({ tau: o.cycle - 1, healthIndex: o.healthIndex, weight: 1 }));
    // when
    const fit = fitDegradationCurve(history);
    // then
    expect(fit).not.toBeNull();
    const trueEnd = ageAtThreshold(TRUE, 0);
    expect(Math.abs(ageAtThreshold(fit!.curve, 0) - trueEnd)).toBeLessThan(0.1 * trueEnd);
    expect(fit!.rmse).toBeGreaterThan(0.02);
    expect(fit!.rmse).toBeLessThan(0.04);
    expect(fit!.covariance[2]?.[2]).toBeGreaterThan(0);
  });

  it('given fewer than 20 cycles, when fitted, then there is no fit', () => {
    expect(fitDegradationCurve(trajectory(TRUE, 15, 0.03, 2).map((o) => ({ tau: o.cycle - 1, healthIndex: o.healthIndex, weight: 1 })))).toBeNull();
  });
});

describe('calibration as a fold over scored cycles', () => {
  const history = trajectory(TRUE, 120, 0.03, 3);

  it('given the same cycles, when folded one by one or redelivered, then the state is identical', () => {
    // when
    const once = calibrationFrom('ESN-1', history);
    const redelivered = history.reduce((s, o, i) => recordHealth(i % 7 === 0 ? recordHealth(s, o) : s, o), createCalibration('ESN-1'));
    // then
    expect(redelivered).toEqual(once);
    expect(JSON.stringify(calibrationFrom('ESN-1', history))).toBe(JSON.stringify(once));
    expect(once.fit?.fittedAtCycle).toBe(120);
    expect(once.version).toMatch(/^cal-1\.[0-9a-f]{12}$/);
  });

  it('given a long history, when folded, then points stay bounded and the fit still finds the curve', () => {
    const slow: DegradationCurve = { h0: 0.95, a: 0.3, b: 0.15 };
    const state = calibrationFrom('ESN-2', trajectory(slow, 1200, 0.03, 4), { refitEvery: 100, maxPoints: 64, recentWindow: 30, driftRatio: 3, maxFitRmse: 0.12 });
    expect(state.points.length).toBeLessThan(64);
    expect(state.binWidth).toBeGreaterThan(1);
    expect(Math.abs(ageAtThreshold(state.fit!.curve, 0) - ageAtThreshold(slow, 0))).toBeLessThan(0.15 * ageAtThreshold(slow, 0));
  });

  it('given an asset that follows its model, then it is valid; when it departs, then fit error and drift grow and it is flagged', () => {
    // given
    const steady = calibrationFrom('ESN-3', trajectory(TRUE, 100, 0.03, 5));
    const before = calibrationReport(steady);
    expect(before.valid).toBe(true);
    expect(before.driftRatio).toBeLessThan(2);
    // when: the readings jump back up as if the asset had been swapped for a healthier one
    const departed = trajectory({ h0: 0.95, a: 0.01, b: 0.5 }, 40, 0.03, 6, 101).reduce((s, o) => recordHealth(s, o), steady);
    const after = calibrationReport(departed);
    // then
    expect(after.fitRmse).toBeGreaterThan(2 * (before.fitRmse as number));
    expect(after.recent.rmse).toBeGreaterThan(before.recent.rmse as number);
    expect(after.recent.bias).toBeGreaterThan(0);
    expect(after.valid).toBe(false);
    expect(after.reason).toMatch(/no longer follows/);
  });

  it('given clipped health indices (0 or 1), when folded, then they are counted but not fitted', () => {
    const state = [{ cycle: 1, healthIndex: 1 }, { cycle: 2, healthIndex: 0 }, { cycle: 3, healthIndex: 0.5 }].reduce((s, o) => recordHealth(s, o), createCalibration('ESN-4'));
    expect(state.clipped).toBe(2);
    expect(state.points).toHaveLength(1);
    expect(state.observations).toBe(3);
  });
});
