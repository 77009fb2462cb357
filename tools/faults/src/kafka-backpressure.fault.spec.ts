/**
 * Back-pressure: with the Kafka broker stopped, ingest must not accept telemetry it cannot store —
 * HTTP answers 503 with Retry-After — and it must take telemetry again once the broker is back,
 * without a restart of its own. Every frame it acknowledged is then on the telemetry topic.
 */
import type { TelemetryFrame } from '@fleettwin/contracts';
import { topicName, type ApiErrorBody } from '@fleettwin/contracts';
import { isolatedEnvironment, jsonBody, readTopic, recordFaultResult, startService, type RunningService, type TestEnvironment } from '@fleettwin/testing';
import { FaultInfrastructure } from './fault-infrastructure';

const SEND_TIMEOUT_MS = 2000;

let infra: FaultInfrastructure;
let env: TestEnvironment;
let ingest: RunningService | undefined;

beforeAll(async () => {
  infra = FaultInfrastructure.fromEnvironment();
  env = await isolatedEnvironment('backpressure');
  ingest = await startService('ingest', { ...env.env, KAFKA_SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS) });
});

afterAll(async () => {
  await infra?.startKafka();
  await ingest?.stop();
});

let nextSeq = 1;
function batch(size: number): TelemetryFrame[] {
  return Array.from({ length: size }, () => {
    const seq = nextSeq++;
    return { tenant: 'acme', assetId: 'ESN-BP1', ts: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), seq, readings: { egt: 600 + seq } };
  });
}

const post = (frames: TelemetryFrame[]) =>
  fetch(`${ingest?.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames }), signal: AbortSignal.timeout(30_000) });

describe('ingest with the Kafka broker down', () => {
  it('answers 503 with Retry-After instead of accepting what it cannot store, and recovers when Kafka returns', async () => {
    const acknowledged: number[] = [];
    const first = batch(100);
    const before = await post(first);
    expect(before.status).toBe(202);
    acknowledged.push(...first.map((f) => f.seq));

    await infra.stopKafka();
    const refusals: { status: number; retryAfter: string | null; code: string; ms: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const began = Date.now();
      const res = await post(batch(50));
      refusals.push({ status: res.status, retryAfter: res.headers.get('retry-after'), code: (await jsonBody<ApiErrorBody>(res)).error?.code ?? '', ms: Date.now() - began });
    }
    expect(refusals.map(({ status, retryAfter, code }) => ({ status, retryAfter, code }))).toEqual(Array(3).fill({ status: 503, retryAfter: '5', code: 'KAFKA_UNAVAILABLE' }));
    // It says no within its send deadline, not after a client time-out.
    expect(Math.max(...refusals.map((r) => r.ms))).toBeLessThan(SEND_TIMEOUT_MS + 3000);
    expect(ingest?.process.exitCode).toBeNull();

    await infra.startKafka();
    const back = Date.now();
    let recoveredMs = -1;
    let retries = 0;
    const pending = batch(100);
    while (Date.now() - back < 120_000) {
      const res = await post(pending);
      if (res.status === 202) {
        recoveredMs = Date.now() - back;
        break;
      }
      expect(res.status).toBe(503);
      retries += 1;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    acknowledged.push(...pending.map((f) => f.seq));
    const last = batch(100);
    const after = await post(last);
    expect(after.status).toBe(202);
    acknowledged.push(...last.map((f) => f.seq));

    // Every acknowledged frame is stored (refused ones may be too: kafkajs can deliver late; consumers drop repeats by seq).
    const stored = await readTopic(env.kafkaBrokers, topicName('telemetry', env.namespace), acknowledged.length, 60_000, 1000);
    const seqs = new Set(stored.map((m) => (JSON.parse(m.value?.toString() ?? '{}') as { seq: number }).seq));
    const missing = acknowledged.filter((seq) => !seqs.has(seq));
    expect(missing).toEqual([]);

    recordFaultResult({
      scenario: 'kafka-down-backpressure',
      group: 'faults',
      passed: true,
      figures: {
        '503 while down': refusals.length,
        'slowest refusal ms': Math.max(...refusals.map((r) => r.ms)),
        'Retry-After s': refusals[0]?.retryAfter ?? '',
        'ms from broker ready to first 202': recoveredMs,
        'refused retries before recovery': retries,
        'frames acknowledged': acknowledged.length,
        'acknowledged frames missing from the topic': missing.length,
        'refused frames that reached the topic late': [...seqs].filter((seq) => !acknowledged.includes(seq)).length,
      },
    });
  });
});
