import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, trainModel } from '@fleettwin/predict';
import { defaultDataDir, readRul, readTrajectories, subsetFiles } from './cmapss-file';
import { evaluateUnits } from './evaluation';

// Reads files only. Gates the published model and the training recipe on the standard FD001
// protocol: last cycle of each test unit against RUL_FD001.txt.
const RMSE_LIMIT = 16;
const COVERAGE_RANGE = [0.65, 0.9] as const;

describe('FD001 evaluation', () => {
  const files = subsetFiles(defaultDataDir(), 'FD001');
  const test = readTrajectories(files.test);
  const trueRul = readRul(files.rul);

  const expectWithinGates = (metrics: { rmse: number; coverage80: number } | undefined): void => {
    expect(metrics).toBeDefined();
    expect(metrics?.rmse).toBeLessThanOrEqual(RMSE_LIMIT);
    expect(metrics?.coverage80).toBeGreaterThanOrEqual(COVERAGE_RANGE[0]);
    expect(metrics?.coverage80).toBeLessThanOrEqual(COVERAGE_RANGE[1]);
  };

  it('given the committed artifact, when it scores the FD001 test units, then RMSE and interval coverage are within the gates', () => {
    const model = loadModel(JSON.parse(readFileSync(join(__dirname, '../../model/rul-model.json'), 'utf8')));
    const { metrics, scores } = evaluateUnits(model, test, trueRul);
    expect(scores).toHaveLength(100);
    expectWithinGates(metrics);
    process.stdout.write(`committed ${model.modelVersion}: ${JSON.stringify(metrics)}\n`);
  });

  it('given the FD001 training file, when retrained from scratch, then the new model passes the same gates', () => {
    const model = trainModel(readTrajectories(files.train), { dataset: 'FD001' });
    const { metrics } = evaluateUnits(model, test, trueRul);
    expectWithinGates(metrics);
    process.stdout.write(`retrained ${model.modelVersion}: ${JSON.stringify(metrics)}\n`);
  });
});
