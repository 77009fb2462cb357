import { explainBoostedTrees, predictBoostedTrees, trainBoostedTrees } from './gradient-boosting';
import { seededRandom } from './random';

describe('boosted trees', () => {
  const random = seededRandom(9);
  const rows = Array.from({ length: 800 }, () => Float64Array.from([random() * 10, random() * 10, random()]));
  const target = rows.map((x) => 3 * (x[0] as number) + ((x[1] as number) > 5 ? 10 : 0));
  const model = trainBoostedTrees(rows, target, {
    rounds: 150, learningRate: 0.1, maxDepth: 3, minLeafRows: 5, rowSample: 0.8, featureSample: 1, seed: 1,
  });

  it('given a target driven by two features, when trained, then it fits closely', () => {
    const errors = rows.map((x, i) => Math.abs(predictBoostedTrees(model, x) - (target[i] as number)));
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThan(1);
  });

  it('given a prediction, when explained, then the noise feature contributes little and contributions plus bias sum to the prediction', () => {
    const x = Float64Array.from([9, 8, 0.5]);
    const contributions = explainBoostedTrees(model, x, 3);
    const bias = model.base + model.learningRate * model.trees.reduce((s, t) => s + (t.value[0] as number), 0);
    expect(bias + contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(predictBoostedTrees(model, x), 6);
    expect(Math.abs(contributions[2] as number)).toBeLessThan(Math.abs(contributions[0] as number) / 10);
    expect(contributions[0]).toBeGreaterThan(0);
  });
});
