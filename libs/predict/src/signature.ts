import { INFORMATIVE_SENSORS, type SensorName } from './cycle';
import { cosineSimilarity } from './statistics';

/**
 * Failure-mode signature: how far each informative sensor has moved from the asset's own healthy
 * baseline, in healthy standard deviations (signed). Regime normalisation and per-asset baselines
 * remove build and route offsets, so two assets with the same fault point the same way and
 * their cosine similarity is high whatever their age or severity.
 */
export interface FailureSignature {
  readonly sensors: readonly SensorName[];
  readonly deviation: readonly number[];
  /** Euclidean length of `deviation`: how pronounced the signature is. */
  readonly magnitude: number;
}

export function failureSignature(drifts: readonly number[], driftStd: readonly number[]): FailureSignature {
  const deviation = drifts.map((d, k) => round(d / (driftStd[k] as number)));
  return { sensors: [...INFORMATIVE_SENSORS], deviation, magnitude: round(Math.hypot(...deviation)) };
}

/** Cosine similarity in [-1, 1]; 0 when either signature is flat. */
export function signatureSimilarity(a: FailureSignature, b: FailureSignature): number {
  return cosineSimilarity(a.deviation, b.deviation);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
