/**
 * Anomaly scores as root-mean-square z over the informative sensors: ~1 for a typical healthy
 * asset, growing as sensors leave the healthy band. Per-sensor z values are kept so the
 * explanation can name the sensors behind the score.
 */
export interface AnomalyDetail {
  readonly score: number;
  readonly z: readonly number[];
}

/** Against the fleet: current levels versus the healthy fleet's level distribution. */
export function fleetAnomaly(levels: readonly number[], levelMean: readonly number[], levelStd: readonly number[]): AnomalyDetail {
  return rms(levels.map((v, k) => (v - (levelMean[k] as number)) / (levelStd[k] as number)));
}

/** Against the asset itself: the standardized drift from its own first cycles (its signature). */
export function selfAnomaly(standardizedDrift: readonly number[]): AnomalyDetail {
  return rms(standardizedDrift);
}

function rms(z: readonly number[]): AnomalyDetail {
  const score = z.length === 0 ? 0 : Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
  return { score, z };
}
