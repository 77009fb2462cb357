import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { Matrix, pseudoInverse } from 'ml-matrix';
import { CYCLE_SCALE, curveGradient, healthAt, type DegradationCurve } from './degradation-curve';

/** One stored point of an asset's history: the mean health index of `weight` consecutive cycles. */
export interface HealthPoint {
  /** Wear age, cycles since the asset's first observed cycle. */
  tau: number;
  healthIndex: number;
  weight: number;
}

export interface CurveFit {
  curve: DegradationCurve;
  /** Covariance of (h0, a, b) from the Jacobian at the optimum: σ²(JᵀWJ)⁻¹. */
  covariance: number[][];
  /** Root mean square of the residuals over the cycles fitted (each point weighted by its cycles). */
  rmse: number;
  /** Cycles the fit saw. */
  cycles: number;
  iterations: number;
}

export const MIN_CYCLES_TO_FIT = 20;

const PARAMETER_MIN = [-0.5, 1e-4, 1e-3];
const PARAMETER_MAX = [1.5, 20, 20];
/** Starting growth rates (per 100 cycles): nearly linear wear, moderate and sharp fault growth. */
const STARTING_RATES = [0.3, 1, 3];
const ITERATIONS_PER_LEG = 8;
const MAX_LEGS = 25;

/**
 * Least-squares fit of the degradation curve to an asset's history (Levenberg–Marquardt from
 * mljs, started from three growth rates; the best is kept). Pure and deterministic: the same
 * points give the same fit. Null while fewer than MIN_CYCLES_TO_FIT cycles are known.
 */
export function fitDegradationCurve(points: readonly HealthPoint[]): CurveFit | null {
  const cycles = points.reduce((n, p) => n + p.weight, 0);
  if (cycles < MIN_CYCLES_TO_FIT || points.length < 4) return null;
  const data = { x: points.map((p) => p.tau), y: points.map((p) => p.healthIndex) };
  // The library divides each squared residual by weight², so a point standing for n cycles gets 1/√n.
  const weights = points.map((p) => 1 / Math.sqrt(p.weight));
  const line = weightedLine(points);
  let best: { curve: DegradationCurve; sse: number; iterations: number } | undefined;
  for (const b of STARTING_RATES) {
    const a = Math.min(PARAMETER_MAX[1] as number, Math.max(1e-3, (-line.slope * CYCLE_SCALE) / b));
    const fitted = converge(data, weights, points, [clamp(line.intercept, -0.5, 1.5), a, b]);
    if (!best || fitted.sse < best.sse) best = fitted;
  }
  if (!best) return null;
  return { curve: best.curve, covariance: covariance(points, best.curve, best.sse, cycles), rmse: Math.sqrt(best.sse / cycles), cycles, iterations: best.iterations };
}

/**
 * The library stops only on an absolute error, which noisy data never reaches; so it runs in short
 * legs and stops once a leg improves the weighted error by less than a millionth.
 */
function converge(data: { x: number[]; y: number[] }, weights: number[], points: readonly HealthPoint[], start: number[]): { curve: DegradationCurve; sse: number; iterations: number } {
  let params = start;
  let sse = Number.POSITIVE_INFINITY;
  let iterations = 0;
  for (let leg = 0; leg < MAX_LEGS; leg++) {
    const result = levenbergMarquardt(data, curveFunction, {
      initialValues: params,
      weights,
      damping: 1e-2,
      gradientDifference: [1e-4, 1e-4, 1e-4],
      centralDifference: true,
      minValues: PARAMETER_MIN,
      maxValues: PARAMETER_MAX,
      maxIterations: ITERATIONS_PER_LEG,
      errorTolerance: 1e-12,
    });
    iterations += result.iterations;
    const [h0, a, b] = result.parameterValues as [number, number, number];
    const next = weightedSse(points, { h0, a, b });
    const improved = sse - next;
    if (next <= sse) {
      params = [h0, a, b];
      sse = next;
    }
    if (!(improved > 1e-6 * sse)) break;
  }
  return { curve: { h0: params[0] as number, a: params[1] as number, b: params[2] as number }, sse, iterations };
}

// healthAt without an object per point: the optimiser calls it some ten thousand times per leg.
const curveFunction = ([h0, a, b]: number[]) => (tau: number) => (h0 as number) - (a as number) * Math.expm1(((b as number) * tau) / CYCLE_SCALE);

export function weightedSse(points: readonly HealthPoint[], curve: DegradationCurve): number {
  return points.reduce((s, p) => s + p.weight * (p.healthIndex - healthAt(curve, p.tau)) ** 2, 0);
}

function covariance(points: readonly HealthPoint[], curve: DegradationCurve, sse: number, cycles: number): number[][] {
  const jtj = Matrix.zeros(3, 3);
  for (const p of points) {
    const g = curveGradient(curve, p.tau);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) jtj.set(i, j, jtj.get(i, j) + p.weight * (g[i] as number) * (g[j] as number));
  }
  const variance = sse / Math.max(1, cycles - 3);
  // A pseudo-inverse: a nearly linear trajectory leaves a and b almost collinear.
  const inverse = pseudoInverse(jtj).mul(variance).to2DArray();
  // Symmetric by construction; the pseudo-inverse leaves last-bit asymmetry that Cholesky refuses.
  return inverse.map((row, i) => row.map((_, j) => ((inverse[i]?.[j] as number) + (inverse[j]?.[i] as number)) / 2));
}

function weightedLine(points: readonly HealthPoint[]): { slope: number; intercept: number } {
  const w = points.reduce((s, p) => s + p.weight, 0);
  const mx = points.reduce((s, p) => s + p.weight * p.tau, 0) / w;
  const my = points.reduce((s, p) => s + p.weight * p.healthIndex, 0) / w;
  const sxx = points.reduce((s, p) => s + p.weight * (p.tau - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + p.weight * (p.tau - mx) * (p.healthIndex - my), 0);
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
