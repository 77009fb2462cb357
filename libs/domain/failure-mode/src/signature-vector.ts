/**
 * A failure signature as named sensor deviations (signed, in standard deviations). Structurally
 * the same as the predictor's `FailureSignature`, so its scores are accepted as they are without
 * this domain importing the prediction library.
 */
export interface SignatureVector {
  readonly sensors: readonly string[];
  readonly deviation: readonly number[];
}

export type SensorDirection = 'up' | 'down';

/** Cosine similarity over the union of sensors, a missing sensor counting as no deviation; 0 when either side is flat. */
export function cosineSimilarity(a: SignatureVector, b: SignatureVector): number {
  const bByName = byName(b);
  let dot = 0;
  for (let k = 0; k < a.sensors.length; k++) dot += (a.deviation[k] ?? 0) * (bByName.get(a.sensors[k] as string) ?? 0);
  const norms = norm(a) * norm(b);
  return norms === 0 ? 0 : clamp(dot / norms, -1, 1);
}

/** A catalog pattern (+1 up, −1 down) limited to the sensors a signature actually observed. */
export function directionVector(pattern: Readonly<Record<string, SensorDirection>>, observed: readonly string[]): SignatureVector {
  const sensors = observed.filter((s) => pattern[s] !== undefined);
  return { sensors, deviation: sensors.map((s) => (pattern[s] === 'up' ? 1 : -1)) };
}

function byName(signature: SignatureVector): Map<string, number> {
  return new Map(signature.sensors.map((s, k) => [s, signature.deviation[k] ?? 0]));
}

function norm(signature: SignatureVector): number {
  return Math.hypot(...signature.deviation);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
