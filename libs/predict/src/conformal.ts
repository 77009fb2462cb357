import { quantileSorted } from './statistics';

/**
 * Split-conformal calibration of RUL intervals, binned by predicted RUL because errors grow with
 * the distance to failure: near failure the sensors are loud, far from it they barely move.
 * Each bin keeps residual (true − predicted) quantiles on a fixed grid, enough for any interval
 * level and for the failure-probability CDF.
 */
export interface ConformalCalibration {
  /** Upper edges of predicted-RUL bins; the last bin is open-ended. */
  readonly binUpperEdges: readonly number[];
  /** Quantile levels of the grid, 0..1 ascending. */
  readonly levels: readonly number[];
  /** residualQuantiles[bin][j] is the residual quantile at levels[j]. */
  readonly residualQuantiles: readonly (readonly number[])[];
  readonly samples: readonly number[];
}

export interface CalibrationPoint {
  readonly predicted: number;
  readonly actual: number;
}

const GRID = Array.from({ length: 41 }, (_, i) => i / 40);

export function calibrate(points: readonly CalibrationPoint[], bins = 5): ConformalCalibration {
  const sorted = [...points].sort((a, b) => a.predicted - b.predicted);
  const groups = splitEvenly(sorted, Math.max(1, Math.min(bins, Math.floor(sorted.length / 30))));
  const binUpperEdges = groups.slice(0, -1).map((g) => (g[g.length - 1] as CalibrationPoint).predicted);
  const residualQuantiles = groups.map((g) => {
    const residuals = g.map((p) => p.actual - p.predicted).sort((a, b) => a - b);
    return GRID.map((q) => round(quantileSorted(residuals, conformalLevel(q, residuals.length))));
  });
  return { binUpperEdges: binUpperEdges.map(round), levels: GRID, residualQuantiles, samples: groups.map((g) => g.length) };
}

/** Finite-sample correction of split conformal: widen the tail levels by 1/n so coverage holds. */
function conformalLevel(q: number, n: number): number {
  if (q === 0.5) return q;
  return q < 0.5 ? Math.max(0, q - q / (n + 1)) : Math.min(1, q + (1 - q) / (n + 1));
}

function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const out: T[][] = [];
  for (let p = 0; p < parts; p++) {
    out.push(items.slice(Math.floor((p * items.length) / parts), Math.floor(((p + 1) * items.length) / parts)));
  }
  return out.filter((g) => g.length > 0);
}

function binOf(calibration: ConformalCalibration, predicted: number): readonly number[] {
  const bin = calibration.binUpperEdges.findIndex((edge) => predicted <= edge);
  const index = bin < 0 ? calibration.residualQuantiles.length - 1 : bin;
  return calibration.residualQuantiles[index] as readonly number[];
}

function residualAt(levels: readonly number[], quantiles: readonly number[], q: number): number {
  return interpolate(levels, quantiles, q);
}

function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (x <= (xs[0] as number)) return ys[0] as number;
  for (let i = 1; i < xs.length; i++) {
    const x1 = xs[i] as number;
    if (x <= x1) {
      const x0 = xs[i - 1] as number;
      const y0 = ys[i - 1] as number;
      return x1 === x0 ? y0 : y0 + (((ys[i] as number) - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return ys[ys.length - 1] as number;
}

/** Central interval holding `coverage` of true RULs (0.8 → 10th to 90th residual percentile). */
export function rulInterval(calibration: ConformalCalibration, predicted: number, coverage = 0.8): { lower: number; upper: number } {
  const quantiles = binOf(calibration, predicted);
  const tail = (1 - coverage) / 2;
  return {
    lower: Math.max(0, predicted + residualAt(calibration.levels, quantiles, tail)),
    upper: Math.max(0, predicted + residualAt(calibration.levels, quantiles, 1 - tail)),
  };
}

/** P(true RUL ≤ horizon) from the bin's residual distribution. */
export function failureProbability(calibration: ConformalCalibration, predicted: number, horizon: number): number {
  const quantiles = binOf(calibration, predicted);
  const residual = horizon - predicted;
  if (residual < (quantiles[0] as number)) return 0;
  if (residual >= (quantiles[quantiles.length - 1] as number)) return 1;
  return interpolate(quantiles, calibration.levels, residual);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
