import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadModel, trainModel, type RulModel } from '@fleettwin/predict';
import { benchmarkScoring } from './bench';
import { defaultDataDir, readRul, readTrajectories, subsetFiles } from './cmapss-file';
import { evaluateUnits } from './evaluation';

// The predictor's offline tools: the only place where model code meets files.
const program = new Command('predictor').description('Train, evaluate and benchmark the fleettwin RUL models');

program.command('train')
  .description('train on a C-MAPSS training file and write the model artifact')
  .option('--data-dir <dir>', 'C-MAPSS folder (default: $CMAPSS_DATA_DIR or ../shared/data/cmapss)')
  .option('--subset <name>', 'C-MAPSS subset', 'FD001')
  .option('--train <file>', 'training file (overrides --data-dir/--subset)')
  .requiredOption('--out <file>', 'where to write the model JSON')
  .action((options: { dataDir?: string; subset: string; train?: string; out: string }) => {
    const trainFile = options.train ?? subsetFiles(options.dataDir ?? defaultDataDir(), options.subset).train;
    const started = Date.now();
    const model = trainModel(readTrajectories(trainFile), { dataset: options.train ? trainFile.split('/').pop() ?? trainFile : options.subset });
    writeModel(options.out, model);
    log({ event: 'trained', out: options.out, modelVersion: model.modelVersion, seconds: (Date.now() - started) / 1000, validation: model.validation });
  });

program.command('evaluate')
  .description('train on --train (or load --model), predict one RUL per --test unit, score against --rul')
  .option('--train <file>', 'training file')
  .option('--model <file>', 'use this model artifact instead of training')
  .requiredOption('--test <file>', 'test file')
  .option('--rul <file>', 'true RULs, one per test unit')
  .requiredOption('--out <file>', 'predicted RUL per test unit, one per line in unit order')
  .option('--details <file>', 'also write every full score as JSON lines')
  .action((options: { train?: string; model?: string; test: string; rul?: string; out: string; details?: string }) => {
    const model = modelFrom(options);
    const result = evaluateUnits(model, readTrajectories(options.test), options.rul ? readRul(options.rul) : undefined);
    writeText(options.out, result.scores.map((s) => s.rul.mean.toFixed(2)).join('\n') + '\n');
    if (options.details) writeText(options.details, result.scores.map((s) => JSON.stringify(s)).join('\n') + '\n');
    log({ event: 'evaluated', modelVersion: model.modelVersion, units: result.scores.length, ...result.metrics });
  });

program.command('bench')
  .description('score windows in a loop and report assets scored per second')
  .requiredOption('--model <file>', 'model artifact')
  .requiredOption('--test <file>', 'trajectories to cut windows from')
  .option('--seconds <n>', 'how long to run', parsePositive, 3)
  .action((options: { model: string; test: string; seconds: number }) => {
    const model = loadModel(JSON.parse(readFileSync(options.model, 'utf8')));
    log({ event: 'bench', modelVersion: model.modelVersion, ...benchmarkScoring(model, readTrajectories(options.test), options.seconds) });
  });

function modelFrom(options: { train?: string; model?: string }): RulModel {
  if (options.model) return loadModel(JSON.parse(readFileSync(options.model, 'utf8')));
  if (!options.train) throw new InvalidArgumentError('evaluate needs --train <file> or --model <file>');
  return trainModel(readTrajectories(options.train), { dataset: options.train.split('/').pop() ?? options.train });
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function writeModel(path: string, model: RulModel): void {
  writeText(path, JSON.stringify(model) + '\n');
}

function writeText(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function log(record: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(record) + '\n');
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
