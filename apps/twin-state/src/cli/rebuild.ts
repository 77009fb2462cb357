/**
 * `nx run twin-state:rebuild`: drops the twin read models (twins, sensor history, command
 * deadlines) and rebuilds them from the event log, printing a digest of the read models before and
 * after. Stop twin-state first: the rebuild and a live projection must not write at the same time.
 * Prints one JSON line; exits 1 when the digests differ.
 */
import 'reflect-metadata';
import { PostgresEventStore } from '@fleettwin/event-store';
import { createPool, ensureDatabase, migrate } from '@fleettwin/postgres';
import { createLogger, loadConfig } from '@fleettwin/platform';
import { AssetPolicies } from '../assets/asset-policies';
import { CommandDeadlines } from '../commands/command-deadlines';
import { TwinStateConfig } from '../config';
import { FrameHistory } from '../history/frame-history';
import { TWIN_STATE_MIGRATIONS } from '../infrastructure/migrations';
import { readModelDigest } from './read-model-digest';
import { rawReadRate, rebuildReadModels } from './rebuild-read-models';

async function main(): Promise<void> {
  const config = loadConfig(TwinStateConfig);
  await ensureDatabase(config.DATABASE_URL);
  const pool = createPool(config.DATABASE_URL);
  try {
    await migrate(pool, 'twin-state', TWIN_STATE_MIGRATIONS);
    const before = await readModelDigest(pool);
    const raw = await rawReadRate(new PostgresEventStore(pool));
    // Each twin is refolded under the data-quality policy of its asset model, as the live service does.
    const policies = new AssetPolicies(pool, config, createLogger('twin-state-rebuild'));
    await policies.refresh();
    const rebuilt = await rebuildReadModels(pool, policies.evolve, [new FrameHistory(), new CommandDeadlines()]);
    const after = await readModelDigest(pool);
    const identical = before.digest === after.digest;
    console.log(
      JSON.stringify({
        events: rebuilt.events,
        twins: rebuilt.twins,
        seconds: round(rebuilt.seconds),
        eventsPerSecond: Math.round(rebuilt.events / rebuilt.seconds),
        readEventsPerSecond: Math.round(raw.events / raw.seconds),
        digestBefore: before.digest,
        digestAfter: after.digest,
        identical,
      }),
    );
    if (!identical) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

main().catch((error: unknown) => {
  console.error(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
