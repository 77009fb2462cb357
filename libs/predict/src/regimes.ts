import { SETTING_COUNT } from './cycle';

/**
 * Operating regimes clustered from the three operational-setting columns. FD002/FD004 fly six
 * tight (altitude, Mach, TRA) conditions whose sensor levels differ far more than degradation
 * moves them, so sensors are only comparable within a regime.
 */
export interface RegimeModel {
  /** Per setting column: offset and scale that map it to roughly [0, 1]. */
  readonly offset: readonly number[];
  readonly scale: readonly number[];
  /** Cluster centres in scaled setting space. */
  readonly centroids: readonly (readonly number[])[];
}

export interface RegimeOptions {
  /** Fixed regime count; when absent the smallest k that explains the settings is chosen. */
  readonly count?: number;
  readonly maxCount?: number;
  /** A clustering "explains" the settings when within-cluster spread falls below this share of the total. */
  readonly residualShare?: number;
}

export function fitRegimes(settings: readonly (readonly number[])[], options: RegimeOptions = {}): RegimeModel {
  const { offset, scale } = settingScale(settings);
  const points = settings.map((row) => scaleRow(row, offset, scale));
  if (options.count !== undefined) return { offset, scale, centroids: kMeans(points, options.count).centroids };
  const total = kMeans(points, 1);
  const maxCount = options.maxCount ?? 8;
  const residualShare = options.residualShare ?? 0.005;
  for (let k = 2; k <= maxCount && total.inertia > 0; k++) {
    const fit = kMeans(points, k);
    if (fit.inertia / total.inertia < residualShare) return { offset, scale, centroids: fit.centroids };
  }
  // Nothing but noise in the settings (FD001/FD003): a single regime.
  return { offset, scale, centroids: total.centroids };
}

export function assignRegime(model: RegimeModel, settings: readonly number[]): number {
  return nearest(model.centroids, scaleRow(settings, model.offset, model.scale)).index;
}

function settingScale(settings: readonly (readonly number[])[]): { offset: number[]; scale: number[] } {
  const offset: number[] = [];
  const scale: number[] = [];
  for (let c = 0; c < SETTING_COUNT; c++) {
    let low = Infinity;
    let high = -Infinity;
    for (const row of settings) {
      const v = row[c] ?? 0;
      if (v < low) low = v;
      if (v > high) high = v;
    }
    offset.push(Number.isFinite(low) ? low : 0);
    // A constant column gets scale 0 so it cannot create spurious clusters.
    scale.push(high > low ? 1 / (high - low) : 0);
  }
  return { offset, scale };
}

function scaleRow(row: readonly number[], offset: readonly number[], scale: readonly number[]): number[] {
  return offset.map((o, c) => ((row[c] ?? 0) - o) * (scale[c] as number));
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] as number) - (b[i] as number)) ** 2;
  return sum;
}

function nearest(centroids: readonly (readonly number[])[], point: readonly number[]): { index: number; distance: number } {
  let index = 0;
  let distance = Infinity;
  centroids.forEach((centroid, i) => {
    const d = squaredDistance(centroid, point);
    if (d < distance) {
      distance = d;
      index = i;
    }
  });
  return { index, distance };
}

/** Lloyd's k-means with farthest-point seeding: deterministic, and well separated regimes are found in one pass. */
function kMeans(points: readonly number[][], k: number): { centroids: number[][]; inertia: number } {
  const first = points[0] ?? new Array<number>(SETTING_COUNT).fill(0);
  const centre = meanPoint(points, first);
  // Seeding from the point farthest from the centre keeps every seed on a real cluster.
  const centroids: number[][] = k === 1 ? [centre] : [farthestPoint(points, [centre])];
  while (centroids.length < k) centroids.push(farthestPoint(points, centroids));
  let inertia = Infinity;
  for (let iteration = 0; iteration < 50; iteration++) {
    const members: number[][][] = centroids.map(() => []);
    let next = 0;
    for (const p of points) {
      const { index, distance } = nearest(centroids, p);
      members[index]?.push(p);
      next += distance;
    }
    members.forEach((group, i) => {
      if (group.length > 0) centroids[i] = meanPoint(group, centroids[i] as number[]);
    });
    if (next >= inertia) break;
    inertia = next;
  }
  return { centroids, inertia };
}

function meanPoint(points: readonly number[][], fallback: readonly number[]): number[] {
  if (points.length === 0) return [...fallback];
  const sum = new Array<number>(fallback.length).fill(0);
  for (const p of points) p.forEach((v, i) => (sum[i] = (sum[i] as number) + v));
  return sum.map((s) => s / points.length);
}

function farthestPoint(points: readonly number[][], centroids: readonly number[][]): number[] {
  let best = points[0] ?? [];
  let bestDistance = -1;
  for (const p of points) {
    const { distance } = nearest(centroids, p);
    if (distance > bestDistance) {
      bestDistance = distance;
      best = p;
    }
  }
  return [...best];
}
