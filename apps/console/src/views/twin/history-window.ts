/** Time windows the sensor chart offers, ending at the twin's latest reading. */
export const WINDOWS = { '1h': 3600_000, '6h': 6 * 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type WindowName = keyof typeof WINDOWS;

const STEPS: readonly [number, string][] = [[1, '1s'], [5, '5s'], [10, '10s'], [30, '30s'], [60, '1m'], [300, '5m'], [900, '15m'], [3600, '1h'], [6 * 3600, '6h'], [86400, '1d']];

/** The smallest step that keeps a window under `maxPoints` buckets (twin-state allows 10,000). */
export function stepFor(windowMs: number, maxPoints = 600): { step: string; seconds: number } {
  const wanted = windowMs / 1000 / maxPoints;
  const found = STEPS.find(([seconds]) => seconds >= wanted) ?? STEPS[STEPS.length - 1];
  const [seconds, step] = found as [number, string];
  return { step, seconds };
}

/** The query for one window: it ends one step after the latest reading so that reading's bucket is whole. */
export function historyQuery(window: WindowName, latestIso: string): { from: string; to: string; step: string } {
  const { step, seconds } = stepFor(WINDOWS[window]);
  const end = Math.ceil((new Date(latestIso).getTime() + 1) / (seconds * 1000)) * seconds * 1000;
  return { from: new Date(end - WINDOWS[window]).toISOString(), to: new Date(end).toISOString(), step };
}

/** uPlot's columnar data: x in epoch seconds, then avg, min and max (null where a bucket is empty). */
export type Columns = [number[], (number | null)[], (number | null)[], (number | null)[]];

export function bucketColumns(buckets: readonly { start: string; avg: number; min: number; max: number }[]): Columns {
  const sorted = buckets.slice().sort((a, b) => a.start.localeCompare(b.start));
  return [sorted.map((b) => new Date(b.start).getTime() / 1000), sorted.map((b) => b.avg), sorted.map((b) => b.min), sorted.map((b) => b.max)];
}

/** Adds a live reading as its own point after the history (ignoring one at or before the last point). */
export function appendReading(columns: Columns, tsIso: string, value: number | null): Columns {
  const x = new Date(tsIso).getTime() / 1000;
  const last = columns[0][columns[0].length - 1];
  if (Number.isNaN(x) || (last !== undefined && x <= last)) return columns;
  return [[...columns[0], x], [...columns[1], value], [...columns[2], value], [...columns[3], value]];
}
