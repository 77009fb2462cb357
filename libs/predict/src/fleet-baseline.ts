import { INFORMATIVE_SENSORS } from './cycle';
import type { FeatureSpec } from './features';
import { mean, standardDeviation } from './statistics';

/**
 * What healthy looks like, learnt from training cycles far from failure: the fleet's spread of
 * sensor levels, and how far a healthy asset's level wanders from its own first cycles.
 * Both turn raw deviations into "healthy standard deviations", comparable across sensors and assets.
 */
export interface FleetBaseline {
  readonly levelMean: readonly number[];
  readonly levelStd: readonly number[];
  readonly driftStd: readonly number[];
}

export function sensorLevels(spec: FeatureSpec, features: ArrayLike<number>): number[] {
  return INFORMATIVE_SENSORS.map((sensor) => features[spec.names.indexOf(`${sensor}.level`)] as number);
}

export function sensorDrifts(spec: FeatureSpec, features: ArrayLike<number>): number[] {
  return INFORMATIVE_SENSORS.map((sensor) => features[spec.names.indexOf(`${sensor}.drift`)] as number);
}

export function fitFleetBaseline(spec: FeatureSpec, healthyFeatures: readonly Float64Array[]): FleetBaseline {
  const levels = healthyFeatures.map((f) => sensorLevels(spec, f));
  const drifts = healthyFeatures.map((f) => sensorDrifts(spec, f));
  const column = (rows: number[][], k: number): number[] => rows.map((r) => r[k] as number);
  const positive = (s: number): number => (s > 1e-9 ? s : 1);
  return {
    levelMean: INFORMATIVE_SENSORS.map((_, k) => mean(column(levels, k))),
    levelStd: INFORMATIVE_SENSORS.map((_, k) => positive(standardDeviation(column(levels, k)))),
    driftStd: INFORMATIVE_SENSORS.map((_, k) => positive(standardDeviation(column(drifts, k)))),
  };
}
