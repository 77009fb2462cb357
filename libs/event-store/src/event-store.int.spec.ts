import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '@fleettwin/postgres';
import { WrongExpectedVersionError } from './errors';
import type { NewEvent } from './event';
import { PostgresEventStore } from './event-store';
import { migratedTestDatabase } from './test-database.int-support';

const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();
const events = (count: number, from = 0): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'ReadingRecorded', data: { n: from + i, unit: 'K' }, metadata: { traceId: `t${from + i}` }, occurredAt: at(from + i) }));

let pool: Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  ({ pool } = await migratedTestDatabase('evstore'));
  store = new PostgresEventStore(pool);
});
afterAll(() => pool.end());

const append = (streamId: string, expected: Parameters<PostgresEventStore['append']>[2], list: NewEvent[]) =>
  inTransaction(pool, (client) => store.append(client, streamId, expected, list));

describe('append and read', () => {
  it('given a new stream, then events come back as appended, numbered from 1, chained and in global order', async () => {
    const stored = await append('engine-1', 'no-stream', events(3));
    const read = await store.readStream('engine-1');
    expect(read).toEqual(stored);
    expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(read[0]).toMatchObject({ type: 'ReadingRecorded', data: { n: 0, unit: 'K' }, metadata: { traceId: 't0' }, occurredAt: at(0) });
    expect(read[1].position).toBeGreaterThan(read[0].position);
    await expect(store.verifyStream('engine-1')).resolves.toMatchObject({ valid: true, events: 3 });
  });

  it('given the expected version, then the append continues the chain', async () => {
    await append('engine-2', 'no-stream', events(2));
    const [third] = await append('engine-2', 2, events(1, 2));
    const [second] = await store.readStream('engine-2', { fromVersion: 2, toVersion: 2 });
    expect(third).toMatchObject({ version: 3, prevHash: second.hash });
    await expect(inTransaction(pool, (c) => store.streamVersion(c, 'engine-2'))).resolves.toBe(3);
  });

  it("given 'any', then the append lands after whatever is there", async () => {
    await append('engine-3', 'any', events(1));
    await expect(append('engine-3', 'any', events(1, 1))).resolves.toMatchObject([{ version: 2 }]);
  });
});

describe('expected version', () => {
  it('given a stale expected version, then the append is refused with stream, expected and actual', async () => {
    await append('engine-4', 'no-stream', events(2));
    await expect(append('engine-4', 1, events(1))).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamId: 'engine-4', expected: 1, actual: 2 });
    await expect(append('engine-4', 'no-stream', events(1))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream('engine-4')).toHaveLength(2);
  });

  it('given two transactions appending at the same version, then the second to commit is refused', async () => {
    await append('engine-5', 'no-stream', events(1));
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query('BEGIN');
      await second.query('BEGIN');
      await store.append(first, 'engine-5', 1, events(1, 1));
      const racing = store.append(second, 'engine-5', 1, events(1, 100)).then(
        () => 'appended',
        (error: unknown) => error,
      );
      await new Promise((r) => setTimeout(r, 200));
      await first.query('COMMIT');
      expect(await racing).toMatchObject({ code: 'WRONG_EXPECTED_VERSION', expected: 1, actual: 2 });
    } finally {
      await second.query('ROLLBACK');
      first.release();
      second.release();
    }
    expect((await store.readStream('engine-5')).map((e) => e.data)).toEqual([{ n: 0, unit: 'K' }, { n: 1, unit: 'K' }]);
  });

  it('given a REPEATABLE READ transaction with a stale snapshot, then the unique constraint refuses it as a version conflict', async () => {
    await append('engine-6', 'no-stream', events(1));
    const stale = await pool.connect();
    try {
      await stale.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await stale.query('SELECT count(*) FROM events');
      await append('engine-6', 1, events(1, 1));
      await expect(store.append(stale, 'engine-6', 1, events(1, 9))).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION', streamId: 'engine-6', actual: 2 });
    } finally {
      await stale.query('ROLLBACK');
      stale.release();
    }
  });

  it('given ten concurrent appenders expecting the same version, then exactly one wins', async () => {
    await append('engine-7', 'no-stream', events(1));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => append('engine-7', 1, events(1, 10 + i))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused.every((o) => o.reason instanceof WrongExpectedVersionError)).toBe(true);
    await expect(store.verifyStream('engine-7')).resolves.toMatchObject({ valid: true, events: 2 });
  });
});

describe('appendBatch', () => {
  it('given hundreds of streams in one call, then each is appended and chained', async () => {
    const appends = Array.from({ length: 300 }, (_, i) => ({ streamId: `batch-${i}`, expectedVersion: 'no-stream' as const, events: events(3) }));
    const stored = await inTransaction(pool, (c) => store.appendBatch(c, appends));
    expect(stored).toHaveLength(900);
    expect(stored.map((e) => e.position)).toEqual([...stored.map((e) => e.position)].sort((a, b) => a - b));
    for (const streamId of ['batch-0', 'batch-150', 'batch-299']) {
      await expect(store.verifyStream(streamId)).resolves.toMatchObject({ valid: true, events: 3 });
    }
  });

  it('given the same stream twice in one batch, then the second append follows the first', async () => {
    const stored = await inTransaction(pool, (c) =>
      store.appendBatch(c, [
        { streamId: 'twice', expectedVersion: 'no-stream', events: events(2) },
        { streamId: 'twice', expectedVersion: 2, events: events(1, 2) },
      ]),
    );
    expect(stored.map((e) => e.version)).toEqual([1, 2, 3]);
    await expect(store.verifyStream('twice')).resolves.toMatchObject({ valid: true });
  });

  it('given one wrong expected version, then nothing of the batch is written', async () => {
    await append('batch-held', 'no-stream', events(1));
    const batch = [
      { streamId: 'batch-new', expectedVersion: 'no-stream' as const, events: events(1) },
      { streamId: 'batch-held', expectedVersion: 5, events: events(1) },
    ];
    await expect(inTransaction(pool, (c) => store.appendBatch(c, batch))).rejects.toMatchObject({ streamId: 'batch-held', expected: 5, actual: 1 });
    expect(await store.readStream('batch-new')).toEqual([]);
  });
});

describe('reading', () => {
  beforeAll(() => append('reader', 'no-stream', events(10)));

  it('given bounds, then readStream returns that slice', async () => {
    expect((await store.readStream('reader', { fromVersion: 3, toVersion: 6 })).map((e) => e.version)).toEqual([3, 4, 5, 6]);
    expect((await store.readStream('reader', { fromVersion: 8, limit: 2 })).map((e) => e.version)).toEqual([8, 9]);
    expect((await store.readStream('reader', { until: at(4) })).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('given pages, then readStreamPage walks the stream and says when it ends', async () => {
    const first = await store.readStreamPage('reader', 0, 4);
    const second = await store.readStreamPage('reader', first.next ?? -1, 4);
    const last = await store.readStreamPage('reader', second.next ?? -1, 4);
    expect([first, second, last].map((p) => p.events.map((e) => e.version))).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10]]);
    expect(last.next).toBeUndefined();
  });

  it('given all streams, then readAll and streamAll return every event once in global order', async () => {
    const paged = [];
    for await (const page of store.streamAll({ limit: 97 })) paged.push(...page);
    const single = await store.readAll({ limit: 1000000 });
    expect(paged).toEqual(single);
    expect(single.map((e) => e.position)).toEqual([...single.map((e) => e.position)].sort((a, b) => a - b));
    const after = await store.readAll({ afterPosition: single[10].position, limit: 5 });
    expect(after).toEqual(single.slice(11, 16));
  });

  it('given a late event, then an as-of read stops at the first event that occurred after the time', async () => {
    await append('late', 'no-stream', [events(1, 1)[0], events(1, 5)[0], events(1, 3)[0]]);
    expect((await store.readStream('late', { until: at(4) })).map((e) => e.version)).toEqual([1]);
    expect((await store.readStream('late', { until: at(5) })).map((e) => e.version)).toEqual([1, 2, 3]);
  });
});

describe('tamper evidence', () => {
  const tamper = (sql: string, values: unknown[]) => pool.query(sql, values);

  it('given one changed byte of stored data, then verification names that version', async () => {
    await append('tamper-data', 'no-stream', events(5));
    await tamper(`UPDATE events SET data = jsonb_set(data, '{unit}', '"k"') WHERE stream_id = $1 AND version = 3`, ['tamper-data']);
    await expect(store.verifyStream('tamper-data')).resolves.toMatchObject({ valid: false, version: 3, reason: 'content-changed' });
  });

  it('given a deleted event, then verification names the missing version', async () => {
    await append('tamper-delete', 'no-stream', events(5));
    await tamper('DELETE FROM events WHERE stream_id = $1 AND version = 3', ['tamper-delete']);
    await expect(store.verifyStream('tamper-delete')).resolves.toMatchObject({ valid: false, version: 3, reason: 'version-gap' });
  });

  it('given two swapped versions, then verification fails at the first of them', async () => {
    await append('tamper-swap', 'no-stream', events(5));
    await inTransaction(pool, async (client: PoolClient) => {
      await client.query('UPDATE events SET version = 1000 WHERE stream_id = $1 AND version = 2', ['tamper-swap']);
      await client.query('UPDATE events SET version = 2 WHERE stream_id = $1 AND version = 4', ['tamper-swap']);
      await client.query('UPDATE events SET version = 4 WHERE stream_id = $1 AND version = 1000', ['tamper-swap']);
    });
    const [second] = await store.readStream('tamper-swap', { fromVersion: 2, toVersion: 2 });
    expect(second.data).toEqual({ n: 3, unit: 'K' });
    await expect(store.verifyStream('tamper-swap')).resolves.toMatchObject({ valid: false, version: 2 });
  });
});
