import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchRun } from './infra';
import { runBounded } from './services';

export const PREDICTOR_CLI = 'apps/predictor/src/cli/main.ts';
export const PREDICTOR_MODEL = 'apps/predictor/model/rul-model.json';

export type PredictionResult = { measured: true; assetsPerSecond: number; assetsScored: number; seconds: number; modelVersion: string; testFile: string } | { measured: false; reason: string };

/** `predictor bench`: scores C-MAPSS windows in a loop and prints assets scored per second. */
export async function prediction(run: BenchRun, seconds: number): Promise<PredictionResult> {
  const cli = join(run.workspace, PREDICTOR_CLI);
  if (!existsSync(cli) || !readFileSync(cli, 'utf8').includes("command('bench')")) return { measured: false, reason: 'predictor not present' };
  if (!existsSync(join(run.workspace, PREDICTOR_MODEL))) return { measured: false, reason: `predictor model artifact ${PREDICTOR_MODEL} not present` };
  const dataDir = process.env.CMAPSS_DATA_DIR ?? resolve(run.workspace, '../shared/data/cmapss');
  const testFile = join(dataDir, 'test_FD001.txt');
  if (!existsSync(testFile)) return { measured: false, reason: `C-MAPSS test data not found at ${testFile} (set CMAPSS_DATA_DIR)` };
  const result = await runBounded(process.execPath, ['-r', '@swc-node/register', PREDICTOR_CLI, 'bench', '--model', PREDICTOR_MODEL, '--test', testFile, '--seconds', String(seconds)], {
    cwd: run.workspace,
    env: { SWC_NODE_PROJECT: join(run.workspace, 'tsconfig.base.json') },
    timeoutMs: (seconds + 90) * 1000,
  });
  for (const line of result.stdout.split('\n').reverse()) {
    if (!line.includes('assetsPerSecond')) continue;
    try {
      const parsed = JSON.parse(line) as { assetsPerSecond?: unknown; assetsScored?: unknown; seconds?: unknown; modelVersion?: unknown };
      if (typeof parsed.assetsPerSecond === 'number') {
        return { measured: true, assetsPerSecond: parsed.assetsPerSecond, assetsScored: Number(parsed.assetsScored ?? 0), seconds: Number(parsed.seconds ?? seconds), modelVersion: String(parsed.modelVersion ?? 'unknown'), testFile };
      }
    } catch {
      // not the figure line
    }
  }
  return { measured: false, reason: `predictor bench failed (exit ${result.code}${result.timedOut ? ', timed out' : ''}: ${result.stderr.trim().split('\n').slice(-2).join(' ').slice(0, 300)})` };
}
