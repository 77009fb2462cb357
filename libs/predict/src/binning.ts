/**
 * Histogram binning for tree training: each feature is cut at up to `maxBins - 1` quantile edges
 * so a split search scans bins, not sorted rows. Trees keep the raw edge values, so prediction
 * never needs the bins.
 */
export interface BinnedMatrix {
  readonly rows: number;
  readonly features: number;
  /** bins[f * rows + r] — feature-major so one feature's scan is contiguous. */
  readonly bins: Uint8Array;
  /** edges[f][b] is the upper bound (inclusive) of bin b of feature f. */
  readonly edges: readonly Float64Array[];
}

export function binMatrix(rows: readonly Float64Array[], maxBins = 64): BinnedMatrix {
  const rowCount = rows.length;
  const featureCount = rows[0]?.length ?? 0;
  const bins = new Uint8Array(rowCount * featureCount);
  const edges: Float64Array[] = [];
  const column = new Float64Array(rowCount);
  for (let f = 0; f < featureCount; f++) {
    for (let r = 0; r < rowCount; r++) column[r] = (rows[r] as Float64Array)[f] as number;
    const featureEdges = quantileEdges(column, maxBins);
    edges.push(featureEdges);
    for (let r = 0; r < rowCount; r++) bins[f * rowCount + r] = binOf(featureEdges, column[r] as number);
  }
  return { rows: rowCount, features: featureCount, bins, edges };
}

function quantileEdges(column: Float64Array, maxBins: number): Float64Array {
  const sorted = Float64Array.from(column).sort();
  const edges: number[] = [];
  for (let b = 1; b < maxBins; b++) {
    const value = sorted[Math.floor((b * sorted.length) / maxBins)] as number;
    if (edges.length === 0 || value > (edges[edges.length - 1] as number)) edges.push(value);
  }
  return Float64Array.from(edges);
}

/** Index of the first edge >= value (values above every edge fall in the last bin). */
function binOf(edges: Float64Array, value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((edges[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
