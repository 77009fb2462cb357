import { binMatrix } from './binning';
import { seededRandom, shuffled } from './random';
import { attributeTree, growTree, predictTree, type RegressionTree } from './regression-tree';

/**
 * Gradient-boosted regression trees with squared loss. Written here rather than taken from npm:
 * the mljs packages offer random forests and single CART trees but no boosting, and a forest of
 * full-depth trees is slower to train and larger to ship than ~300 shallow boosted trees.
 */
export interface BoostedTrees {
  readonly base: number;
  readonly learningRate: number;
  readonly trees: readonly RegressionTree[];
}

export interface BoostingOptions {
  readonly rounds: number;
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly minLeafRows: number;
  /** Share of rows each tree sees (stochastic boosting). */
  readonly rowSample: number;
  /** Share of features each tree may split on. */
  readonly featureSample: number;
  readonly seed: number;
}

export const DEFAULT_BOOSTING: BoostingOptions = {
  rounds: 250, learningRate: 0.05, maxDepth: 4, minLeafRows: 20, rowSample: 0.7, featureSample: 0.6, seed: 7,
};

export function trainBoostedTrees(rows: readonly Float64Array[], target: readonly number[], options: BoostingOptions = DEFAULT_BOOSTING): BoostedTrees {
  const data = binMatrix(rows);
  const random = seededRandom(options.seed);
  const base = target.reduce((a, b) => a + b, 0) / Math.max(1, target.length);
  const prediction = new Float64Array(rows.length).fill(base);
  const residual = new Float64Array(rows.length);
  const allRows = Array.from({ length: rows.length }, (_, i) => i);
  const allFeatures = Array.from({ length: data.features }, (_, i) => i);
  const trees: RegressionTree[] = [];
  for (let round = 0; round < options.rounds; round++) {
    for (let r = 0; r < rows.length; r++) residual[r] = (target[r] as number) - (prediction[r] as number);
    const sampleRows = shuffled(allRows, random).slice(0, Math.max(1, Math.round(rows.length * options.rowSample)));
    const featureSubset = shuffled(allFeatures, random).slice(0, Math.max(1, Math.round(data.features * options.featureSample)));
    const tree = growTree(data, residual, Uint32Array.from(sampleRows), {
      maxDepth: options.maxDepth, minLeafRows: options.minLeafRows, featureSubset,
    });
    trees.push(tree);
    for (let r = 0; r < rows.length; r++) {
      prediction[r] = (prediction[r] as number) + options.learningRate * predictTree(tree, rows[r] as Float64Array);
    }
  }
  return { base, learningRate: options.learningRate, trees };
}

export function predictBoostedTrees(model: BoostedTrees, x: ArrayLike<number>): number {
  let sum = 0;
  for (const tree of model.trees) sum += predictTree(tree, x);
  return model.base + model.learningRate * sum;
}

/**
 * Per-feature contributions (Saabas path attribution). With row subsampling a tree's root is not
 * exactly zero, so prediction = bias + Σ contributions where bias = base + rate × Σ root values.
 */
export function explainBoostedTrees(model: BoostedTrees, x: ArrayLike<number>, featureCount: number): Float64Array {
  const contributions = new Float64Array(featureCount);
  for (const tree of model.trees) attributeTree(tree, x, contributions);
  for (let f = 0; f < featureCount; f++) contributions[f] = (contributions[f] as number) * model.learningRate;
  return contributions;
}
