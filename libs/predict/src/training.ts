import { calibrate, rulInterval, type CalibrationPoint } from './conformal';
import type { Cycle } from './cycle';
import { featureSpec, trajectoryFeatures, type FeatureSpec } from './features';
import { fitFleetBaseline, sensorLevels } from './fleet-baseline';
import { DEFAULT_BOOSTING, trainBoostedTrees, type BoostedTrees, type BoostingOptions } from './gradient-boosting';
import { fitHealthIndex } from './health-index';
import { intervalCoverage, rootMeanSquaredError } from './metrics';
import { fitNormalisation, normaliseCycle } from './normalisation';
import { seededRandom, shuffled } from './random';
import type { RegimeOptions } from './regimes';
import { predictRul } from './rul';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, versionModel, type RulModel } from './rul-model';

/** One run-to-failure trajectory: its last cycle is the last before failure. */
export interface TrainingUnit {
  readonly unit: number;
  readonly cycles: readonly Cycle[];
}

export interface TrainingOptions {
  readonly dataset: string;
  /** Piecewise-linear target: RUL above the cap reads as "healthy" (Heimes 2008 and most C-MAPSS work). */
  readonly rulCap: number;
  readonly horizon: number;
  /** Units are split into this many folds; each fold's model is calibrated on the units it never saw. */
  readonly folds: number;
  /** Calibrate intervals on cycles whose true RUL is at most this: the range that is ever scored for maintenance. */
  readonly calibrationHorizon: number;
  readonly calibrationBins: number;
  readonly boosting: BoostingOptions;
  readonly regimes: RegimeOptions;
  readonly features: FeatureSpec;
  readonly seed: number;
}

export const DEFAULT_TRAINING: TrainingOptions = {
  dataset: 'unknown', rulCap: 125, horizon: 30, folds: 5, calibrationHorizon: 150, calibrationBins: 5,
  boosting: DEFAULT_BOOSTING, regimes: {}, features: featureSpec(), seed: 42,
};

interface PreparedUnit {
  readonly unit: number;
  readonly features: Float64Array[];
  /** True RUL (uncapped) at each cycle. */
  readonly rul: number[];
}

export function trainModel(units: readonly TrainingUnit[], overrides: Partial<TrainingOptions> = {}): RulModel {
  const options: TrainingOptions = { ...DEFAULT_TRAINING, ...overrides };
  const normalisation = fitNormalisation(units.flatMap((u) => u.cycles), options.regimes);
  const prepared: PreparedUnit[] = units.map((u) => ({
    unit: u.unit,
    features: trajectoryFeatures(options.features, u.cycles.map((c) => normaliseCycle(normalisation, c))),
    rul: u.cycles.map((_, t) => u.cycles.length - t - 1),
  }));
  const { ensemble, calibrationPoints } = crossFit(prepared, options);
  const calibration = calibrate(calibrationPoints, options.calibrationBins);
  const rows = prepared.flatMap((u) => u.features);
  const capped = prepared.flatMap((u) => u.rul.map((r) => Math.min(r, options.rulCap)));
  const healthy = prepared.flatMap((u) => u.features.filter((_, t) => (u.rul[t] as number) > options.rulCap && t >= options.features.levelCycles));
  return versionModel({
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    trainedOn: { dataset: options.dataset, units: units.length, cycles: rows.length },
    rulCap: options.rulCap,
    horizon: options.horizon,
    features: options.features,
    normalisation,
    rul: ensemble,
    calibration,
    healthIndex: fitHealthIndex(rows.map((f) => sensorLevels(options.features, f)), capped.map((r) => r / options.rulCap)),
    fleet: fitFleetBaseline(options.features, healthy.length > 0 ? healthy : rows),
    validation: outOfFoldValidation(calibrationPoints, calibration),
  });
}

/** K-fold by unit: fold k's model never sees fold k's units, whose predictions calibrate the intervals. */
function crossFit(prepared: readonly PreparedUnit[], options: TrainingOptions): { ensemble: BoostedTrees[]; calibrationPoints: CalibrationPoint[] } {
  const order = shuffled(prepared, seededRandom(options.seed));
  const folds = Math.max(2, Math.min(options.folds, order.length));
  const ensemble: BoostedTrees[] = [];
  const calibrationPoints: CalibrationPoint[] = [];
  for (let k = 0; k < folds; k++) {
    const heldOut = order.filter((_, i) => i % folds === k);
    const fitting = order.filter((_, i) => i % folds !== k);
    const model = trainBoostedTrees(
      fitting.flatMap((u) => u.features),
      fitting.flatMap((u) => u.rul.map((r) => Math.min(r, options.rulCap))),
      { ...options.boosting, seed: options.boosting.seed + k },
    );
    ensemble.push(model);
    for (const unit of heldOut) {
      unit.features.forEach((f, t) => {
        const actual = unit.rul[t] as number;
        if (actual <= options.calibrationHorizon) calibrationPoints.push({ predicted: predictRul([model], options.rulCap, f), actual });
      });
    }
  }
  return { ensemble, calibrationPoints };
}

function outOfFoldValidation(points: readonly CalibrationPoint[], calibration: ReturnType<typeof calibrate>): RulModel['validation'] {
  const predicted = points.map((p) => p.predicted);
  const actual = points.map((p) => p.actual);
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  return {
    outOfFoldRmse: round(rootMeanSquaredError(predicted, actual)),
    outOfFoldCoverage80: round(intervalCoverage(predicted.map((p) => rulInterval(calibration, p, 0.8)), actual)),
  };
}
