/** Quantiles reported for every RUL distribution. */
export const RUL_QUANTILES = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

export interface RulSummary {
  /** Mean of the samples, each capped at the largest RUL considered. */
  mean: number;
  quantiles: { p: number; cycles: number }[];
  /** Share of draws whose RUL is beyond the cap (the model sees no end of life in range). */
  censored: number;
}

export interface Histogram {
  /** Bin edges in cycles, shared by baseline and scenario so the two can be drawn on one axis. */
  edges: number[];
  /** Share of draws per bin; the last bin also holds everything above the last edge. */
  baseline: number[];
  scenario: number[];
}

/** Type-7 quantile of sorted samples (as R and NumPy default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

export function summariseRul(samples: readonly number[], cap: number): RulSummary {
  const capped = samples.map((s) => Math.min(s, cap));
  const sorted = [...capped].sort((a, b) => a - b);
  return {
    mean: round(capped.reduce((s, v) => s + v, 0) / Math.max(1, capped.length)),
    quantiles: RUL_QUANTILES.map((p) => ({ p, cycles: round(quantile(sorted, p)) })),
    censored: round(samples.filter((s) => s >= cap).length / Math.max(1, samples.length)),
  };
}

/** Equal-width bins from 0 to the larger 95th percentile of the two arms. */
export function pairedHistogram(baseline: readonly number[], scenario: readonly number[], bins: number, cap: number): Histogram {
  const p95 = (xs: readonly number[]) => quantile([...xs].map((x) => Math.min(x, cap)).sort((a, b) => a - b), 0.95);
  const top = Math.max(1, Math.ceil(Math.max(p95(baseline), p95(scenario))));
  const width = top / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => round(i * width));
  const count = (xs: readonly number[]) => {
    const counts = new Array<number>(bins).fill(0);
    for (const x of xs) counts[Math.min(bins - 1, Math.max(0, Math.floor(x / width)))]! += 1;
    return counts.map((c) => round(c / Math.max(1, xs.length)));
  };
  return { edges, baseline: count(baseline), scenario: count(scenario) };
}

/** Rounded to 1e-6 so the stored JSON is short and identical across platforms' last-bit noise. */
export function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
}
