import { selfAnomaly, fleetAnomaly } from './anomaly';
import type { AssetWindow } from './asset-window';
import { failureProbability, rulInterval } from './conformal';
import { INFORMATIVE_SENSORS } from './cycle';
import { anomalyContributions, rollUp, topContributions, type Explanation } from './explanation';
import { extractFeatures, featureSensor } from './features';
import { sensorDrifts, sensorLevels } from './fleet-baseline';
import { healthIndex, healthIndexContributions } from './health-index';
import { normaliseCycle } from './normalisation';
import { explainRul, predictRul } from './rul';
import type { RulModel } from './rul-model';
import { failureSignature, type FailureSignature } from './signature';

export interface AssetScore {
  readonly assetId: string;
  readonly modelVersion: string;
  readonly cyclesSeen: number;
  /** 1 = as healthy as a new engine, 0 = at failure. */
  readonly healthIndex: number;
  /** Remaining useful life in cycles; [lower, upper] holds the true RUL with probability `coverage`. */
  readonly rul: { readonly mean: number; readonly lower: number; readonly upper: number; readonly coverage: number };
  /** P(failure within `horizon` cycles). */
  readonly failureProbability: number;
  readonly horizon: number;
  /** RMS z over sensors: ~1 healthy; `self` against the asset's first cycles, `fleet` against healthy fleet levels. */
  readonly anomaly: { readonly self: number; readonly fleet: number };
  readonly signature: FailureSignature;
  readonly explanation: Explanation;
}

export interface ScoreOptions {
  readonly horizon?: number;
  readonly coverage?: number;
  /** How many sensors each explanation lists. */
  readonly topSensors?: number;
}

/** Scores one asset from its window. Pure: same model and window, same score. */
export function scoreAsset(model: RulModel, window: AssetWindow, options: ScoreOptions = {}): AssetScore {
  if (window.cyclesSeen === 0) throw new RangeError(`asset ${window.assetId} has no cycles to score`);
  const horizon = options.horizon ?? model.horizon;
  const coverage = options.coverage ?? 0.8;
  const top = options.topSensors ?? 5;
  const normalise = (c: AssetWindow['recent'][number]): number[] => normaliseCycle(model.normalisation, c);
  const features = extractFeatures(model.features, window.baseline.map(normalise), window.recent.map(normalise), window.cyclesSeen);
  const levels = sensorLevels(model.features, features);
  const signature = failureSignature(sensorDrifts(model.features, features), model.fleet.driftStd);
  const self = selfAnomaly(signature.deviation);
  const fleet = fleetAnomaly(levels, model.fleet.levelMean, model.fleet.levelStd);
  const rul = predictRul(model.rul, model.rulCap, features);
  const interval = rulInterval(model.calibration, rul, coverage);
  const rulDrivers = rollUp(model.features.names, explainRul(model.rul, features), featureSensor);
  const sensors = [...INFORMATIVE_SENSORS];
  return {
    assetId: window.assetId,
    modelVersion: model.modelVersion,
    cyclesSeen: window.cyclesSeen,
    healthIndex: round(healthIndex(model.healthIndex, levels)),
    rul: { mean: round(rul), lower: round(interval.lower), upper: round(interval.upper), coverage },
    failureProbability: round(failureProbability(model.calibration, rul, horizon)),
    horizon,
    anomaly: { self: round(self.score), fleet: round(fleet.score) },
    signature,
    explanation: {
      rul: topContributions(rulDrivers.sensors, rulDrivers.values, top),
      healthIndex: topContributions(sensors, healthIndexContributions(model.healthIndex, levels), top),
      anomalySelf: topContributions(sensors, anomalyContributions(self.z), top),
      anomalyFleet: topContributions(sensors, anomalyContributions(fleet.z), top),
    },
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
