import {
  intervalCoverage, nasaScore, rootMeanSquaredError, scoreAsset, windowFromCycles, type AssetScore, type RulModel,
} from '@fleettwin/predict';
import type { UnitTrajectory } from './cmapss-file';

export interface EvaluationResult {
  readonly scores: AssetScore[];
  readonly metrics?: { rmse: number; nasaScore: number; coverage80: number; units: number };
}

/** Standard C-MAPSS protocol: score each test unit at its last cycle, compare with the true RUL. */
export function evaluateUnits(model: RulModel, units: readonly UnitTrajectory[], trueRul?: readonly number[]): EvaluationResult {
  const scores = units.map((u) => scoreAsset(model, windowFromCycles(`unit-${u.unit}`, model.features, u.cycles)));
  if (!trueRul) return { scores };
  if (trueRul.length !== units.length) throw new Error(`RUL file has ${trueRul.length} values for ${units.length} test units`);
  const predicted = scores.map((s) => s.rul.mean);
  return {
    scores,
    metrics: {
      rmse: rootMeanSquaredError(predicted, trueRul),
      nasaScore: nasaScore(predicted, trueRul),
      coverage80: intervalCoverage(scores.map((s) => s.rul), trueRul),
      units: units.length,
    },
  };
}
