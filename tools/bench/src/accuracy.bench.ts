import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchRun } from './infra';
import { PREDICTOR_CLI, PREDICTOR_MODEL } from './prediction.bench';
import { runBounded } from './services';

export type AccuracyResult =
  | { measured: true; rmse: number; nasaScore: number; coverage80: number; units: number; modelVersion: string }
  | { measured: false; reason: string };

/** The committed model on NASA's FD001 test units, scored the standard way (last cycle of each unit against RUL_FD001). */
export async function accuracy(run: BenchRun): Promise<AccuracyResult> {
  const dataDir = process.env.CMAPSS_DATA_DIR ?? resolve(run.workspace, '../shared/data/cmapss');
  const test = join(dataDir, 'test_FD001.txt');
  const rul = join(dataDir, 'RUL_FD001.txt');
  if (!existsSync(test) || !existsSync(rul)) return { measured: false, reason: `C-MAPSS FD001 not found in ${dataDir} (set CMAPSS_DATA_DIR)` };
  const out = join(mkdtempSync(join(tmpdir(), 'fleettwin-fd001-')), 'predicted.txt');
  const result = await runBounded(process.execPath, ['-r', '@swc-node/register', PREDICTOR_CLI, 'evaluate', '--model', PREDICTOR_MODEL, '--test', test, '--rul', rul, '--out', out], {
    cwd: run.workspace,
    env: { SWC_NODE_PROJECT: join(run.workspace, 'tsconfig.base.json') },
    timeoutMs: 120000,
  });
  for (const line of result.stdout.split('\n').reverse()) {
    if (!line.includes('"evaluated"')) continue;
    const parsed = JSON.parse(line) as { rmse?: number; nasaScore?: number; coverage80?: number; units?: number; modelVersion?: string };
    if (typeof parsed.rmse === 'number' && typeof parsed.nasaScore === 'number' && typeof parsed.coverage80 === 'number') {
      return { measured: true, rmse: parsed.rmse, nasaScore: parsed.nasaScore, coverage80: parsed.coverage80, units: parsed.units ?? 0, modelVersion: parsed.modelVersion ?? 'unknown' };
    }
  }
  return { measured: false, reason: `predictor evaluate failed (exit ${result.code}): ${result.stderr.trim().slice(-300)}` };
}
