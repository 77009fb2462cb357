import type { Pool } from 'pg';
import { inTransaction } from '@fleettwin/postgres';
import { loadAggregate } from './aggregate';
import type { NewEvent } from './event';
import { PostgresEventStore } from './event-store';
import { emptyAggregate, foldEvents, snapshotPolicy, type Evolve } from './snapshots';
import { migratedTestDatabase } from './test-database.int-support';

interface Wear {
  cycles: number;
  log: number[];
}
const initial: Wear = { cycles: 0, log: [] };
const evolve: Evolve<Wear> = (state, event) => {
  const { n } = event.data as { n: number };
  return { cycles: state.cycles * 3 + n, log: [...state.log.slice(-4), n] };
};
const minute = (m: number) => new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString();
// Mostly rising times with some late arrivals, as devices send them.
const timeOf = (i: number) => (i % 7 === 3 ? i - 5 : i);

let pool: Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  ({ pool } = await migratedTestDatabase('evsnap'));
  store = new PostgresEventStore(pool);
});
afterAll(() => pool.end());

it('given snapshots taken by policy while appending, then every as-of load equals a full replay', async () => {
  const every5 = snapshotPolicy(5);
  for (let i = 0; i < 60; i += 3) {
    const batch: NewEvent[] = [0, 1, 2].map((k) => ({ type: 'CycleCounted', data: { n: (i + k) % 11 }, occurredAt: minute(timeOf(i + k)) }));
    await inTransaction(pool, async (client) => {
      const before = await store.streamVersion(client, 'engine-9');
      await store.append(client, 'engine-9', before, batch);
      if (!every5(before, before + batch.length)) return;
      const now = await loadAggregate(store.using(client), 'engine-9', evolve, initial);
      await store.saveSnapshot(client, 'engine-9', now.version, now.occurredAt ?? minute(0), now.state);
    });
  }
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM snapshots');
  expect(Number(rows[0].n)).toBeGreaterThanOrEqual(10);

  const all = await store.readStream('engine-9');
  for (const at of [undefined, ...Array.from({ length: 66 }, (_, m) => minute(m - 3))]) {
    const full = foldEvents(evolve, emptyAggregate(initial), all, at);
    const loaded = await loadAggregate(store, 'engine-9', evolve, initial, { at });
    expect(loaded).toEqual({ state: full.state, version: full.version, occurredAt: full.occurredAt });
  }
});

it('given a time, then the latest snapshot at or before it is chosen by its watermark', async () => {
  await inTransaction(pool, async (client) => {
    await store.saveSnapshot(client, 'engine-10', 5, minute(10), { at: 5 });
    await store.saveSnapshot(client, 'engine-10', 10, minute(20), { at: 10 });
  });
  await expect(store.loadLatestSnapshot('engine-10')).resolves.toMatchObject({ version: 10, state: { at: 10 } });
  await expect(store.loadLatestSnapshot('engine-10', { atOrBefore: minute(15) })).resolves.toEqual({ streamId: 'engine-10', version: 5, occurredAt: minute(10), state: { at: 5 } });
  await expect(store.loadLatestSnapshot('engine-10', { atOrBefore: minute(9) })).resolves.toBeUndefined();
});
