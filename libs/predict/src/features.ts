import type { WindowSpec } from './asset-window';
import { INFORMATIVE_SENSORS } from './cycle';
import { mean, slope } from './statistics';

/** The feature recipe travels in the model artifact so training and serving cannot drift apart. */
export interface FeatureSpec extends WindowSpec {
  /** Cycles averaged for the "current level" (noise in one C-MAPSS cycle is as large as months of wear). */
  readonly levelCycles: number;
  readonly names: readonly string[];
}

const PER_SENSOR = ['level', 'mean', 'slope', 'drift'] as const;
export type FeatureKind = (typeof PER_SENSOR)[number] | 'age';

export function featureSpec(window: WindowSpec = { baselineCycles: 20, recentCycles: 30 }, levelCycles = 10): FeatureSpec {
  const names = INFORMATIVE_SENSORS.flatMap((sensor) => PER_SENSOR.map((kind) => `${sensor}.${kind}`));
  return { ...window, levelCycles, names: [...names, 'age'] };
}

/** Sensor a feature belongs to ('age' for the cycle count), used to roll explanations up to sensors. */
export function featureSensor(name: string): string {
  return name.split('.')[0] as string;
}

/**
 * Features from z-scored cycles (rows in INFORMATIVE_SENSORS order): per sensor the current level,
 * the window mean, the window slope (per cycle) and the drift of the level from the asset's own
 * first cycles; then the age in cycles.
 */
export function extractFeatures(
  spec: FeatureSpec, baseline: readonly (readonly number[])[], recent: readonly (readonly number[])[], cyclesSeen: number,
): Float64Array {
  const out = new Float64Array(spec.names.length);
  const level = recent.slice(-spec.levelCycles);
  let i = 0;
  for (let k = 0; k < INFORMATIVE_SENSORS.length; k++) {
    const recentValues = recent.map((row) => row[k] as number);
    const levelValue = mean(level.map((row) => row[k] as number));
    out[i++] = levelValue;
    out[i++] = mean(recentValues);
    out[i++] = slope(recentValues);
    out[i++] = levelValue - mean(baseline.map((row) => row[k] as number));
  }
  out[i] = cyclesSeen;
  return out;
}

/** Features at every cycle of one trajectory, computed exactly as a window fed cycle by cycle would. */
export function trajectoryFeatures(spec: FeatureSpec, normalised: readonly (readonly number[])[]): Float64Array[] {
  return normalised.map((_, t) => extractFeatures(
    spec,
    normalised.slice(0, Math.min(spec.baselineCycles, t + 1)),
    normalised.slice(Math.max(0, t + 1 - spec.recentCycles), t + 1),
    t + 1,
  ));
}
