import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchEnvironment, BenchRun } from './infra';
import { runBounded } from './services';

export const REBUILD_CLI = 'apps/twin-state/src/cli/rebuild.ts';

export interface RebuildOutput {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  readEventsPerSecond: number;
  digestBefore: string;
  digestAfter: string;
  identical: boolean;
  twins?: number;
}

export type RebuildResult = { measured: true; output: RebuildOutput; wallSeconds: number } | { measured: false; reason: string };

function isRebuildOutput(value: unknown): value is RebuildOutput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.events === 'number' && typeof v.eventsPerSecond === 'number' && typeof v.readEventsPerSecond === 'number' && typeof v.identical === 'boolean';
}

/** Runs the twin-state rebuild command (twin-state must be stopped) and reads its one JSON line. */
export async function rebuild(run: BenchRun, environment: BenchEnvironment, timeoutMs: number): Promise<RebuildResult> {
  if (!existsSync(join(run.workspace, REBUILD_CLI))) return { measured: false, reason: 'rebuild command not present' };
  const result = await runBounded(process.execPath, ['-r', '@swc-node/register', REBUILD_CLI], {
    cwd: run.workspace,
    env: { ...environment.env, LOG_LEVEL: 'warn', SWC_NODE_PROJECT: join(run.workspace, 'tsconfig.base.json') },
    timeoutMs,
  });
  for (const line of result.stdout.split('\n').reverse()) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isRebuildOutput(parsed)) return { measured: true, output: parsed, wallSeconds: result.seconds };
    } catch {
      // not the summary line
    }
  }
  const why = result.timedOut ? `timed out after ${timeoutMs / 1000} s` : `exit ${result.code}: ${(result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ').slice(0, 300)}`;
  return { measured: false, reason: `rebuild command failed (${why})` };
}
