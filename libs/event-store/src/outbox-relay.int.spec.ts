import type { KafkaMessage } from 'kafkajs';
import pino from 'pino';
import type { Pool } from 'pg';
import { createKafka, ensureTopics, EventProducer } from '@fleettwin/messaging';
import { inTransaction } from '@fleettwin/postgres';
 
import { readTopic, waitFor, type TestEnvironment } from '@fleettwin/testing';
import type { StoredEvent } from './event';
import { PostgresEventStore } from './event-store';
import { kafkaPublisher } from './kafka-publisher';
import { OutboxRelay, type PublishEvents } from './outbox-relay';
import { migratedTestDatabase } from './test-database.int-support';

let env: TestEnvironment;
let pool: Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  ({ env, pool } = await migratedTestDatabase('evrelay'));
  store = new PostgresEventStore(pool);
});
afterAll(() => pool.end());

/** Appends `perStream` events to each of `streams` streams, interleaved across many transactions. */
async function appendRound(streams: number, perStream: number, round: number): Promise<void> {
  for (let k = 0; k < perStream; k++) {
    await inTransaction(pool, (client) =>
      store.appendBatch(
        client,
        Array.from({ length: streams }, (_, s) => ({
          streamId: `engine-${s}`,
          expectedVersion: 'any' as const,
          events: [{ type: 'io.fleettwin.twin.reading-folded.v1', data: { round, k }, occurredAt: new Date(Date.UTC(2024, 0, 1, round, k)) }],
        })),
      ),
    );
  }
}

function relayTo(publish: PublishEvents, errors: unknown[] = []): OutboxRelay {
  return new OutboxRelay({ pool, name: 'twin-events', publish, batchSize: 64, pollIntervalMs: 50, onError: (e) => errors.push(e) });
}

async function lastPosition(): Promise<number> {
  const { rows } = await pool.query<{ p: string | null }>('SELECT max(position) AS p FROM events');
  return Number(rows[0].p ?? 0);
}

function parsed(messages: readonly KafkaMessage[]): { event: StoredEvent; headers: Record<string, string> }[] {
  return messages.map((m) => ({
    event: JSON.parse(String(m.value)) as StoredEvent,
    headers: Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]) => [k, String(v)])),
  }));
}

it('given a real topic, then every event is published once, per stream in order, and a restarted relay resumes from its cursor', async () => {
  const topic = `${env.namespace}fleet.twin-events.v1`;
  const kafka = createKafka(env.kafkaBrokers.split(','), 'event-store-relay-test', pino({ level: 'warn' }));
  await ensureTopics(kafka, [{ topic, partitions: 3 }]);
  const producer = new EventProducer(kafka);
  await producer.connect();
  const errors: unknown[] = [];
  const publish = kafkaPublisher({ producer, topic, source: '/fleettwin/twin-state' });
  try {
    await appendRound(20, 10, 0);
    const first = relayTo(publish, errors);
    first.start();
    first.notify();
    const endOfFirst = await lastPosition();
    await waitFor(async () => (await first.position()) === endOfFirst, { timeoutMs: 20000, what: 'first relay to catch up' });
    await first.stop();

    await appendRound(20, 5, 1);
    const second = relayTo(publish, errors);
    second.start();
    const end = await lastPosition();
    await waitFor(async () => (await second.position()) === end, { timeoutMs: 20000, what: 'restarted relay to catch up' });
    await second.stop();

    const received = parsed(await readTopic(env.kafkaBrokers, topic, 300, 20000, 1500));
    expect(received).toHaveLength(300);
    expect(new Set(received.map((r) => r.headers.ce_id)).size).toBe(300);
    const byStream = new Map<string, number[]>();
    for (const { event } of received) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.version]);
    expect(byStream.size).toBe(20);
    for (const versions of byStream.values()) expect(versions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));

    const stored = await store.readStream('engine-3', { fromVersion: 12, toVersion: 12 });
    const message = received.find((r) => r.headers.ce_id === 'engine-3:12');
    expect(message?.event).toEqual(stored[0]);
    expect(message?.headers).toMatchObject({ ce_type: 'io.fleettwin.twin.reading-folded.v1', ce_source: '/fleettwin/twin-state', ce_time: stored[0].occurredAt, ce_subject: 'engine-3' });
    expect(errors).toEqual([]);
  } finally {
    await producer.disconnect();
  }
});

it('given a publish that fails, then the cursor stays and the page is published again: duplicates possible, never a gap', async () => {
  await pool.query("UPDATE outbox_cursors SET position = 0 WHERE name = 'twin-events'");
  const seen: number[] = [];
  let failOnce = true;
  const flaky: PublishEvents = async (events) => {
    seen.push(...events.map((e) => e.position));
    if (events.length && failOnce) {
      failOnce = false;
      throw new Error('broker unavailable');
    }
  };
  const errors: unknown[] = [];
  const relay = relayTo(flaky, errors);
  relay.start();
  const end = await lastPosition();
  await waitFor(async () => (await relay.position()) === end, { timeoutMs: 20000, what: 'relay to recover' });
  await relay.stop();
  expect(errors).toHaveLength(1);
  const all = (await store.readAll({ limit: 100000 })).map((e) => e.position);
  expect(seen.slice(64)).toEqual(all);
  expect(seen.slice(0, 64)).toEqual(all.slice(0, 64));
});
