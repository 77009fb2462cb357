import { scoreAsset, windowFromCycles, type AssetWindow, type RulModel } from '@fleettwin/predict';
import type { UnitTrajectory } from './cmapss-file';

/** Scores prepared windows round-robin for `seconds`; the figure the benchmarks quote. */
export function benchmarkScoring(model: RulModel, units: readonly UnitTrajectory[], seconds: number): { assetsScored: number; seconds: number; assetsPerSecond: number } {
  const windows: AssetWindow[] = units.map((u) => windowFromCycles(`unit-${u.unit}`, model.features, u.cycles));
  if (windows.length === 0) throw new Error('no trajectories to benchmark with');
  const started = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let scored = 0;
  while (process.hrtime.bigint() - started < budget) {
    for (const window of windows) scoreAsset(model, window);
    scored += windows.length;
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { assetsScored: scored, seconds: elapsed, assetsPerSecond: Math.round(scored / elapsed) };
}
