import type { Pool } from 'pg';
import { inTransaction } from '@fleettwin/postgres';
import type { TestEnvironment } from '@fleettwin/testing';
import type { StoredEvent } from './event';
import { PostgresEventStore } from './event-store';
import { toOutgoingRecord } from './kafka-publisher';
import { OutboxRelay } from './outbox-relay';
import { migratedTestDatabase } from './test-database.int-support';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

let env: TestEnvironment;
let pool: Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  ({ env, pool } = await migratedTestDatabase('evtrace'));
  store = new PostgresEventStore(pool);
});
afterAll(() => pool.end());

it('keeps an event’s trace context beside it, outside its hash, for the outbox relay only', async () => {
  expect(env.databaseUrl).toContain('evtrace');
  await inTransaction(pool, (client) =>
    store.appendBatch(client, [
      { streamId: 'twin-T1', expectedVersion: 'no-stream', events: [{ type: 'FrameRecorded', data: { seq: 1 }, occurredAt: '2026-01-01T00:00:00Z', traceContext: { traceparent: TRACEPARENT, tracestate: 'v=1' } }] },
      { streamId: 'twin-T2', expectedVersion: 'no-stream', events: [{ type: 'FrameRecorded', data: { seq: 1 }, occurredAt: '2026-01-01T00:00:00Z' }] },
    ]),
  );
  const forRelay = await store.readAll({ withTraceContext: true });
  expect(forRelay.map((e) => [e.streamId, e.traceContext])).toEqual([
    ['twin-T1', { traceparent: TRACEPARENT, tracestate: 'v=1' }],
    ['twin-T2', undefined],
  ]);
  // Readers of the log (APIs, rebuilds, verification) never see it, and the chain verifies.
  expect((await store.readStream('twin-T1'))[0]).not.toHaveProperty('traceContext');
  expect(await store.verifyStream('twin-T1')).toMatchObject({ valid: true });
  // On Kafka it travels in headers only; the value stays the stored event.
  const record = toOutgoingRecord(forRelay[0] as StoredEvent, '/test', 'FrameRecorded', { traceparent: TRACEPARENT });
  expect(JSON.parse(String(record.value))).not.toHaveProperty('traceContext');
  expect(record.headers).toMatchObject({ traceparent: TRACEPARENT, ce_id: 'twin-T1:1' });
});

it('publishes on stop what was committed but not yet relayed, and says how many', async () => {
  const published: StoredEvent[] = [];
  // A poll interval far longer than the test: only the stop's flush can publish these.
  const relay = new OutboxRelay({ pool, name: 'drain-test', publish: async (events) => void published.push(...events), pollIntervalMs: 600000, batchSize: 2, onError: (e) => { throw e; } });
  relay.start();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const before = published.length;
  await inTransaction(pool, (client) =>
    store.appendBatch(client, [{ streamId: 'twin-T3', expectedVersion: 'no-stream', events: [1, 2, 3].map((seq) => ({ type: 'FrameRecorded', data: { seq }, occurredAt: '2026-01-01T00:00:00Z' })) }]),
  );
  const flushed = await relay.stop();
  expect(flushed).toBe(3);
  expect(published.slice(before).map((e) => e.version)).toEqual([1, 2, 3]);
  const { rows } = await pool.query<{ behind: string }>('SELECT count(*) AS behind FROM events WHERE position > (SELECT position FROM outbox_cursors WHERE name = $1)', ['drain-test']);
  expect(Number(rows[0]?.behind)).toBe(0);
  expect(await relay.stop()).toBe(0);
});
