/** The C-MAPSS evaluation measures. `d = predicted − true`. */

export function rootMeanSquaredError(predicted: readonly number[], actual: readonly number[]): number {
  if (predicted.length === 0) return 0;
  const sum = predicted.reduce((s, p, i) => s + (p - (actual[i] as number)) ** 2, 0);
  return Math.sqrt(sum / predicted.length);
}

/** PHM08 asymmetric score: late predictions (d > 0) cost more than early ones, as in a hangar. */
export function nasaScore(predicted: readonly number[], actual: readonly number[]): number {
  return predicted.reduce((s, p, i) => {
    const d = p - (actual[i] as number);
    return s + (d < 0 ? Math.exp(-d / 13) - 1 : Math.exp(d / 10) - 1);
  }, 0);
}

export function intervalCoverage(intervals: readonly { lower: number; upper: number }[], actual: readonly number[]): number {
  if (intervals.length === 0) return 0;
  const inside = intervals.filter((iv, i) => (actual[i] as number) >= iv.lower && (actual[i] as number) <= iv.upper).length;
  return inside / intervals.length;
}
