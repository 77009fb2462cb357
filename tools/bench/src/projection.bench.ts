import type { Pool } from 'pg';
import { SENSOR_NAMES } from '@fleettwin/simulator';
import { FrameSource, sleep } from './frames';
import type { BenchEnvironment, BenchRun } from './infra';
import { CpuMeter, type CpuShare } from './proc';
import { runBounded, startBenchService, type RunningProcess } from './services';

/** Frames folded into twins so far (0 before twin-state has migrated its schema). */
export async function foldedFrames(pool: Pool): Promise<number> {
  try {
    const { rows } = await pool.query<{ n: string | null }>('SELECT sum(frames)::text AS n FROM twins');
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0;
  }
}

/** Waits (bounded) until the folded frame count reaches `target`; returns when it got there, or undefined. */
export async function waitForFolded(pool: Pool, target: number, timeoutMs: number, intervalMs = 200): Promise<{ reachedAt: number | undefined; last: number }> {
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    last = await foldedFrames(pool);
    if (last >= target) return { reachedAt: Date.now(), last };
    await sleep(intervalMs);
  }
  return { reachedAt: undefined, last };
}

export interface TableWrites {
  table: string;
  inserted: number;
  updated: number;
}

export interface ProjectionResult {
  frames: number;
  folded: number;
  seconds: number;
  framesPerSecond: number;
  finished: boolean;
  bootSeconds: number;
  cpu: CpuShare | undefined;
  writes: TableWrites[];
  transactions: number;
  twinState: RunningProcess;
}

/**
 * Starts twin-state on a telemetry topic that already holds `frames` records and times the fold:
 * from the first twin written to `SELECT sum(frames) FROM twins` reaching `frames`.
 */
export async function projection(run: BenchRun, environment: BenchEnvironment, pool: Pool, frames: number, maxSeconds: number): Promise<ProjectionResult> {
  const spawnedAt = Date.now();
  let pid: number | undefined;
  const commitsBefore = await transactionsOf(pool, environment.databaseName);
  let firstAt: number | undefined;
  let firstCount = 0;
  let meter: CpuMeter | undefined;
  let last = 0;
  let reachedAt: number | undefined;
  const deadline = spawnedAt + maxSeconds * 1000;
  let aborted = false;
  const watcher = (async () => {
    while (Date.now() < deadline && !aborted) {
      last = await foldedFrames(pool);
      if (last > 0 && firstAt === undefined) {
        firstAt = Date.now();
        firstCount = last;
        meter = CpuMeter.forPids({ 'twin-state': pid });
      }
      if (last >= frames) {
        reachedAt = Date.now();
        return;
      }
      await sleep(100);
    }
  })();
  let twinState: RunningProcess;
  try {
    twinState = await startBenchService(run.workspace, run.logDir, 'twin-state', environment.env, `twin-state-${environment.label}-projection`, false, (p) => (pid = p));
  } catch (error) {
    aborted = true;
    await watcher;
    throw error;
  }
  await watcher;
  const cpu = meter?.stop();
  await sleep(3000); // a backend flushes its statistics to pg_stat_* once idle for about a second
  const writes = await tableWrites(pool);
  const transactions = (await transactionsOf(pool, environment.databaseName)) - commitsBefore;
  const end = reachedAt ?? Date.now();
  const seconds = firstAt ? (end - firstAt) / 1000 : 0;
  return {
    frames,
    folded: last,
    seconds,
    framesPerSecond: seconds > 0 ? (last - firstCount) / seconds : 0,
    finished: reachedAt !== undefined,
    bootSeconds: firstAt ? (firstAt - spawnedAt) / 1000 : 0,
    cpu,
    writes,
    transactions,
    twinState,
  };
}

async function tableWrites(pool: Pool): Promise<TableWrites[]> {
  const { rows } = await pool.query<{ relname: string; ins: string; upd: string }>(
    `SELECT relname, n_tup_ins::text AS ins, n_tup_upd::text AS upd FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd > 0 ORDER BY n_tup_ins + n_tup_upd DESC`,
  );
  const merged = new Map<string, TableWrites>();
  for (const r of rows) {
    const table = r.relname.replace(/_\d{4}_\d{2}$/, ' (month partitions)');
    const entry = merged.get(table) ?? { table, inserted: 0, updated: 0 };
    entry.inserted += Number(r.ins);
    entry.updated += Number(r.upd);
    merged.set(table, entry);
  }
  return [...merged.values()];
}

async function transactionsOf(pool: Pool, database: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = $1', [database]);
  return Number(rows[0]?.n ?? 0);
}

export interface CopyResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  megabytes: number;
}

/** PostgreSQL's bulk path: `psql \copy` of the same number of (asset_id, ts, seq, readings jsonb) rows into a scratch table. */
export async function postgresCopy(run: BenchRun, environment: BenchEnvironment, pool: Pool, rows: number, assets: number): Promise<CopyResult> {
  await pool.query('CREATE TABLE bench_copy_scratch (asset_id text NOT NULL, ts timestamptz NOT NULL, seq bigint NOT NULL, readings jsonb NOT NULL, PRIMARY KEY (asset_id, ts, seq))');
  try {
    const source = new FrameSource('COPY', assets, 1);
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const f = source.next(i % assets, new Date(Date.now() + i).toISOString());
      lines.push(`${f.assetId},${f.ts},${f.seq},"${JSON.stringify(f.readings).replace(/"/g, '""')}"`);
    }
    const csv = lines.join('\n') + '\n';
    const result = await runBounded('psql', [environment.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-c', '\\copy bench_copy_scratch (asset_id, ts, seq, readings) FROM STDIN WITH (FORMAT csv)'], { cwd: run.workspace, stdin: csv, timeoutMs: 180000 });
    if (result.code !== 0) throw new Error(`psql \\copy failed: ${result.stderr.slice(-500)}`);
    const copied = Number(result.stdout.match(/COPY (\d+)/)?.[1] ?? rows);
    return { rows: copied, seconds: result.seconds, rowsPerSecond: copied / result.seconds, megabytes: Buffer.byteLength(csv) / 1e6 };
  } finally {
    await pool.query('DROP TABLE IF EXISTS bench_copy_scratch');
  }
}

export const READINGS_PER_FRAME = SENSOR_NAMES.length;
