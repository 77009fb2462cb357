/**
 * A record that makes a consumer's handler throw (not a schema failure: a valid frame the code
 * cannot process) must not stall its partition: after bounded retries it goes to `<topic>.dlq` with
 * the error as the reason and its original bytes, and the records behind it are applied. The throw
 * is injected with the test-only hook of libs/messaging (FLEETTWIN_FAULT_INJECTION=1 and the record
 * header `x-fleettwin-fault: handler-throw`), through a real topic into a real twin-state process.
 */
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { deadLetterTopic, topicName, type DeadLetter, type TelemetryRecorded, type TwinView } from '@fleettwin/contracts';
import { FAULT_HANDLER_THROW, FAULT_HEADER } from '@fleettwin/messaging';
import { isolatedEnvironment, jsonBody, readTopic, recordFaultResult, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';
import { FaultInfrastructure } from './fault-infrastructure';

const ASSET = 'ESN-POISON1';
const NEIGHBOUR = 'ESN-POISON2';
const FRAMES = 60;
const POISON_SEQ = 25;

let env: TestEnvironment;
let twinState: RunningService | undefined;
let producer: Producer;

beforeAll(async () => {
  FaultInfrastructure.fromEnvironment();
  env = await isolatedEnvironment('poison');
  // TELEMETRY_PARTITIONS=1: both assets share the partition the poison record sits on.
  twinState = await startService('twin-state', { ...env.env, TELEMETRY_PARTITIONS: '1', FLEETTWIN_FAULT_INJECTION: '1' });
  producer = new Kafka({ clientId: 'fault-poison', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer({ idempotent: true });
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await twinState?.stop();
});

function record(assetId: string, seq: number): TelemetryRecorded {
  const ts = new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString();
  return { tenant: 'acme', assetId, ts, seq, readings: { egt: 600 + seq / 10 }, receivedAt: ts, source: 'http' };
}

describe('a record that makes the twin-state handler throw', () => {
  it('is dead-lettered with the reason after bounded retries, and the partition keeps moving', async () => {
    const topic = topicName('telemetry', env.namespace);
    const messages = [];
    for (let seq = 1; seq <= FRAMES; seq++) {
      for (const assetId of [ASSET, NEIGHBOUR]) {
        const poison = assetId === ASSET && seq === POISON_SEQ;
        messages.push({ key: assetId, value: JSON.stringify(record(assetId, seq)), headers: poison ? { [FAULT_HEADER]: FAULT_HANDLER_THROW } : {} });
      }
    }
    const started = Date.now();
    await producer.send({ topic, messages });

    const twin = async (assetId: string) => jsonBody<TwinView>(await fetch(`${twinState?.url}/v1/twins/${assetId}`));
    await waitFor(async () => (await twin(ASSET)).lastSeq === FRAMES && (await twin(NEIGHBOUR)).lastSeq === FRAMES, { timeoutMs: 90_000, intervalMs: 250, what: 'both twins to reach the last frame past the poison record' });
    const movedOnMs = Date.now() - started;
    // Every frame but the poison one is applied, once.
    expect(await twin(ASSET)).toMatchObject({ frames: FRAMES - 1, lastSeq: FRAMES });
    expect(await twin(NEIGHBOUR)).toMatchObject({ frames: FRAMES, lastSeq: FRAMES });

    const [letter] = await readTopic(env.kafkaBrokers, deadLetterTopic(topic), 1, 30_000, 1000);
    const dead = JSON.parse(letter.value?.toString() ?? '{}') as DeadLetter;
    expect(dead.reason).toMatch(/^handler failed 3 times: InjectedHandlerFault: injected handler fault on the record at offset \d+/);
    expect(JSON.parse(Buffer.from(dead.originalBase64, 'base64').toString())).toEqual(record(ASSET, POISON_SEQ));
    expect(dead.origin).toMatch(new RegExp(`^kafka:${topic.replace(/\./g, '\\.')}/0@\\d+$`));
    expect(letter.key?.toString()).toBe(ASSET);
    expect(letter.headers?.reason?.toString()).toBe(dead.reason.slice(0, 200));
    // Exactly one dead letter: the healthy records of the batch were not dead-lettered with it.
    const all = await readTopic(env.kafkaBrokers, deadLetterTopic(topic), 1, 5_000, 2000);
    expect(all).toHaveLength(1);
    expect(twinState?.process.exitCode).toBeNull();

    recordFaultResult({
      scenario: 'poison-record-twin-state',
      group: 'faults',
      passed: true,
      figures: { 'records produced': messages.length, 'poison records': 1, 'dead-lettered': all.length, 'records applied': FRAMES * 2 - 1, 'handler tries on the poison record': 3, 'ms until the partition moved past it': movedOnMs },
    });
  });
});
