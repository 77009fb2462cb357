import { explainBoostedTrees, predictBoostedTrees, type BoostedTrees } from './gradient-boosting';

/** Ensemble mean, clipped to the target's range [0, cap]. */
export function predictRul(ensemble: readonly BoostedTrees[], rulCap: number, features: ArrayLike<number>): number {
  let sum = 0;
  for (const model of ensemble) sum += predictBoostedTrees(model, features);
  return Math.min(rulCap, Math.max(0, sum / Math.max(1, ensemble.length)));
}

/** Mean of the members' per-feature contributions (before clipping), in cycles of RUL. */
export function explainRul(ensemble: readonly BoostedTrees[], features: ArrayLike<number>): Float64Array {
  const total = new Float64Array(features.length);
  for (const model of ensemble) {
    const contributions = explainBoostedTrees(model, features, features.length);
    for (let f = 0; f < total.length; f++) total[f] = (total[f] as number) + (contributions[f] as number) / ensemble.length;
  }
  return total;
}
