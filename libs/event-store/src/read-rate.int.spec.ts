import type { Pool } from 'pg';
import { inTransaction } from '@fleettwin/postgres';
import { PostgresEventStore } from './event-store';
import { migratedTestDatabase } from './test-database.int-support';

const TOTAL = 200_000;
const STREAMS = 1_000;
const PER_BATCH = 5_000;

let pool: Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  ({ pool } = await migratedTestDatabase('evrate'));
  store = new PostgresEventStore(pool);
});
afterAll(() => pool.end());

function report(what: string, count: number, startedAt: bigint): number {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const rate = Math.round(count / seconds);
  process.stdout.write(`event-store ${what}: ${count} events in ${seconds.toFixed(2)} s = ${rate} events/s\n`);
  return rate;
}

// A rebuild reads the whole log; this keeps an eye on how fast (docs/adr/0004-event-store.md).
it(`given ${TOTAL} stored events, then a rebuild reads them all in global order at a high rate`, async () => {
  const appendStart = process.hrtime.bigint();
  for (let offset = 0; offset < TOTAL; offset += PER_BATCH) {
    const perStream = PER_BATCH / STREAMS;
    const appends = Array.from({ length: STREAMS }, (_, s) => ({
      streamId: `engine-${s}`,
      expectedVersion: offset / STREAMS,
      events: Array.from({ length: perStream }, (_, k) => ({
        type: 'ReadingFolded',
        data: { egt: 640 + k, n1: 96.5, n2: 88.25, flags: ['stuck'], seq: offset + k },
        metadata: { traceId: `trace-${offset + k}` },
        occurredAt: new Date(Date.UTC(2024, 0, 1) + (offset / STREAMS + k) * 1000),
      })),
    }));
    await inTransaction(pool, (client) => store.appendBatch(client, appends));
  }
  report('append (appendBatch, 5,000 events over 1,000 streams per call)', TOTAL, appendStart);

  let pageStart = process.hrtime.bigint();
  let after = 0;
  let paged = 0;
  for (;;) {
    const page = await store.readAll({ afterPosition: after, limit: 10_000 });
    if (!page.length) break;
    paged += page.length;
    after = page[page.length - 1].position;
  }
  const pagedRate = report('readAll (pages of 10,000)', paged, pageStart);

  pageStart = process.hrtime.bigint();
  let streamed = 0;
  let last = 0;
  let ordered = true;
  for await (const page of store.streamAll({ limit: 10_000 })) {
    for (const event of page) {
      ordered &&= event.position > last;
      last = event.position;
    }
    streamed += page.length;
  }
  const streamedRate = report('streamAll (prefetching pages of 10,000)', streamed, pageStart);

  expect(paged).toBe(TOTAL);
  expect(streamed).toBe(TOTAL);
  expect(ordered).toBe(true);
  // A floor far below what a laptop reaches, so the test catches a regression, not a slow CI box.
  expect(Math.min(pagedRate, streamedRate)).toBeGreaterThan(20_000);
});
