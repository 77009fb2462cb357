import { createHash } from 'node:crypto';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { seededRandom, type Random } from '../random';
import type { DegradationCurve } from './degradation-curve';

/** A standard normal draw (Box–Muller) from a seeded uniform generator. */
export function normalDraw(random: Random): number {
  const u = Math.max(random(), Number.MIN_VALUE);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** The generator of one asset within a scenario: the scenario's seed and the asset id, nothing else. */
export function assetRandom(seed: number, assetId: string): Random {
  const mixed = createHash('sha256').update(`${seed}:${assetId}`).digest().readUInt32BE(0);
  return seededRandom(mixed);
}

/**
 * `draws` parameter sets from N(curve, covariance) — the fit's own uncertainty. A covariance that
 * is not positive definite (collinear a and b on a nearly straight trajectory) gets a small ridge.
 */
export function drawCurves(curve: DegradationCurve, covariance: readonly (readonly number[])[], draws: number, random: Random): DegradationCurve[] {
  const factor = choleskyFactor(covariance);
  const mean = [curve.h0, curve.a, curve.b];
  const out: DegradationCurve[] = [];
  for (let k = 0; k < draws; k++) {
    const z = [normalDraw(random), normalDraw(random), normalDraw(random)];
    const v = mean.map((m, i) => m + (factor[i] as number[]).reduce((s, l, j) => s + l * (z[j] as number), 0));
    out.push({ h0: v[0] as number, a: Math.max(1e-6, v[1] as number), b: Math.max(1e-6, v[2] as number) });
  }
  return out;
}

function choleskyFactor(covariance: readonly (readonly number[])[]): number[][] {
  const base = new Matrix(covariance.map((row) => [...row]));
  for (const ridge of [0, 1e-12, 1e-9, 1e-6]) {
    const m = base.clone();
    for (let i = 0; i < 3; i++) m.set(i, i, m.get(i, i) + ridge * Math.max(1e-12, Math.abs(base.get(i, i))));
    const decomposition = new CholeskyDecomposition(m);
    if (decomposition.isPositiveDefinite()) return decomposition.lowerTriangularMatrix.to2DArray();
  }
  // Give up on correlations rather than on uncertainty.
  return base.to2DArray().map((row, i) => row.map((_, j) => (i === j ? Math.sqrt(Math.max(0, base.get(i, i))) : 0)));
}
