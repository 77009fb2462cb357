import type { BinnedMatrix } from './binning';

/**
 * A regression tree stored as flat arrays (compact JSON, fast walk). Node i is a leaf when
 * feature[i] < 0. Every node keeps its mean target in `value` so a prediction can be explained
 * path by path (Saabas attribution).
 */
export interface RegressionTree {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  readonly value: number[];
}

export interface TreeOptions {
  readonly maxDepth: number;
  readonly minLeafRows: number;
  /** Features this tree may split on (column subsampling). */
  readonly featureSubset: readonly number[];
}

interface Split {
  readonly feature: number;
  readonly bin: number;
  readonly gain: number;
}

export function growTree(data: BinnedMatrix, target: Float64Array, rowIndex: Uint32Array, options: TreeOptions): RegressionTree {
  const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [] };
  growNode(tree, data, target, rowIndex, 0, options);
  return tree;
}

function growNode(
  tree: RegressionTree, data: BinnedMatrix, target: Float64Array, rows: Uint32Array, depth: number, options: TreeOptions,
): number {
  const id = tree.feature.length;
  let sum = 0;
  for (const r of rows) sum += target[r] as number;
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push(rows.length > 0 ? compact(sum / rows.length) : 0);
  if (depth >= options.maxDepth || rows.length < 2 * options.minLeafRows) return id;
  const split = bestSplit(data, target, rows, sum, options);
  if (!split) return id;
  const [leftRows, rightRows] = partition(data, rows, split);
  tree.feature[id] = split.feature;
  tree.threshold[id] = compact((data.edges[split.feature] as Float64Array)[split.bin] as number);
  tree.left[id] = growNode(tree, data, target, leftRows, depth + 1, options);
  tree.right[id] = growNode(tree, data, target, rightRows, depth + 1, options);
  return id;
}

/** Squared-error gain from histograms of target sums and counts per bin. */
function bestSplit(data: BinnedMatrix, target: Float64Array, rows: Uint32Array, total: number, options: TreeOptions): Split | undefined {
  const n = rows.length;
  const parentScore = (total * total) / n;
  const sums = new Float64Array(256);
  const counts = new Uint32Array(256);
  let best: Split | undefined;
  for (const f of options.featureSubset) {
    const edgeCount = (data.edges[f] as Float64Array).length;
    if (edgeCount === 0) continue;
    sums.fill(0, 0, edgeCount + 1);
    counts.fill(0, 0, edgeCount + 1);
    const offset = f * data.rows;
    for (const r of rows) {
      const b = data.bins[offset + r] as number;
      sums[b] = (sums[b] as number) + (target[r] as number);
      counts[b] = (counts[b] as number) + 1;
    }
    let leftSum = 0;
    let leftCount = 0;
    for (let b = 0; b < edgeCount; b++) {
      leftSum += sums[b] as number;
      leftCount += counts[b] as number;
      const rightCount = n - leftCount;
      if (leftCount < options.minLeafRows) continue;
      if (rightCount < options.minLeafRows) break;
      const rightSum = total - leftSum;
      const gain = (leftSum * leftSum) / leftCount + (rightSum * rightSum) / rightCount - parentScore;
      if (gain > (best?.gain ?? 1e-12)) best = { feature: f, bin: b, gain };
    }
  }
  return best;
}

function partition(data: BinnedMatrix, rows: Uint32Array, split: Split): [Uint32Array, Uint32Array] {
  const offset = split.feature * data.rows;
  const left: number[] = [];
  const right: number[] = [];
  for (const r of rows) ((data.bins[offset + r] as number) <= split.bin ? left : right).push(r);
  return [Uint32Array.from(left), Uint32Array.from(right)];
}

export function predictTree(tree: RegressionTree, x: ArrayLike<number>): number {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    const f = tree.feature[node] as number;
    node = (x[f] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
  }
  return tree.value[node] as number;
}

/** Adds each split's change of node value to the feature it split on; the sum equals leaf − root. */
export function attributeTree(tree: RegressionTree, x: ArrayLike<number>, contributions: Float64Array): void {
  let node = 0;
  while ((tree.feature[node] as number) >= 0) {
    const f = tree.feature[node] as number;
    const next = (x[f] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
    contributions[f] = (contributions[f] as number) + (tree.value[next] as number) - (tree.value[node] as number);
    node = next;
  }
}

/** Five decimals are far below sensor noise and keep the JSON artifact small. */
function compact(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
