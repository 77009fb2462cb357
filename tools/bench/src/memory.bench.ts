import type { Pool } from 'pg';
import { httpIngest } from './ingest.bench';
import { foldedFrames, waitForFolded } from './projection.bench';
import { sleep } from './frames';
import { peakRssBytes, rssBytes } from './proc';
import type { RunningProcess } from './services';

export interface MemoryResult {
  twins: number;
  framesPerTwin: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  peakRssBytes: number;
  liveTwinsInDb: number;
  seconds: number;
  finished: boolean;
}

/**
 * RSS of a freshly started, idle twin-state, then again once `twins` new assets have streamed
 * `framesPerTwin` frames each through ingest into it (all folded), with its peak (VmHWM).
 */
export async function memory(ingestUrl: string, twinState: RunningProcess, pool: Pool, twins: number, framesPerTwin: number, maxSeconds: number): Promise<MemoryResult> {
  await sleep(2000);
  const rssBeforeBytes = rssBytes(twinState.pid) ?? 0;
  const base = await foldedFrames(pool);
  const started = Date.now();
  const sent = await httpIngest(ingestUrl, { clients: 2, batchSize: 5000, assets: twins, maxFrames: twins * framesPerTwin, maxSeconds, prefix: 'MEM' });
  const remaining = Math.max(1000, maxSeconds * 1000 - (Date.now() - started));
  const done = await waitForFolded(pool, base + sent.frames, remaining, 250);
  await sleep(2000);
  const { rows } = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM twins WHERE asset_id LIKE 'MEM-%'");
  return {
    twins,
    framesPerTwin,
    rssBeforeBytes,
    rssAfterBytes: rssBytes(twinState.pid) ?? 0,
    peakRssBytes: peakRssBytes(twinState.pid) ?? 0,
    liveTwinsInDb: Number(rows[0]?.n ?? 0),
    seconds: ((done.reachedAt ?? Date.now()) - started) / 1000,
    finished: done.reachedAt !== undefined,
  };
}
