/**
 * The contract ledger under SIGKILL: maintenance is killed while it meters usage and projects the
 * ledger, and again while ERP-side calls close the month. After each restart it carries on from
 * what it committed. At the end every contract's ledger equals the figures this test computes on
 * its own (to the cent), a rebuild reproduces it, and `fleet.billing.v1` holds every entry — at
 * least once, each `ce_id` exactly the entry id, so duplicates are recognisable.
 */
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { topicName } from '@fleettwin/contracts';
import { freePort, isolatedEnvironment, jsonBody, readTopic, recordFaultResult, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';

const CONTRACTS = Number(process.env.FAULTS_LEDGER_CONTRACTS ?? 30);
const CYCLES = Number(process.env.FAULTS_LEDGER_CYCLES ?? 30);
const HOUR = 3_600_000;

jest.setTimeout(8 * 60_000);

let env: TestEnvironment;
let maintenance: RunningService;
let producer: Producer;
let serviceEnv: Record<string, string>;
let kills = 0;

const asset = (i: number) => `ESN-L${String(i).padStart(3, '0')}`;
const contract = (i: number) => `PBH-L${String(i).padStart(3, '0')}`;
const rate = (i: number) => 40_000 + i * 37;
const runningMs = (i: number, k: number) => 1_000_003 + i * 7_919 + k * 104_729;

function halfEven(numerator: bigint, denominator: bigint): number {
  const q = numerator / denominator;
  const r2 = (numerator % denominator) * 2n;
  return Number(r2 > denominator || (r2 === denominator && q % 2n === 1n) ? q + 1n : q);
}

async function restart(): Promise<void> {
  await maintenance.kill();
  kills += 1;
  maintenance = await startService('maintenance', serviceEnv, { label: `maintenance-ledger-${kills}` });
}

/** A call that may hit a killed process: retried with the same idempotency key until it answers. */
async function retried(path: string, key: string, body?: unknown): Promise<void> {
  await waitFor(async () => {
    const res = await fetch(`${maintenance.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenant': 'acme', 'idempotency-key': key },
      body: JSON.stringify(body ?? {}),
    }).catch(() => undefined);
    if (!res) return false;
    if (res.status >= 500) return false;
    if (res.status !== 200 && res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return true;
  }, { timeoutMs: 90_000, intervalMs: 200, what: `${path} to be accepted` });
}

async function twinEvent(streamId: string, version: number, type: string, data: object): Promise<{ key: string; value: string }> {
  return { key: streamId, value: JSON.stringify({ streamId, version, type, occurredAt: '2026-10-01T00:00:00.000Z', data }) };
}

beforeAll(async () => {
  env = await isolatedEnvironment('ledgercrash');
  serviceEnv = { ...env.env, GRPC_PORT: String(await freePort()) };
  maintenance = await startService('maintenance', serviceEnv, { label: 'maintenance-ledger-0' });
  producer = new Kafka({ clientId: 'ledger-fault', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer({ idempotent: true });
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await maintenance?.stop();
});

describe('fault: SIGKILL maintenance while it meters usage and settles the ledger', () => {
  it('keeps every contract’s ledger exact, rebuildable and published', async () => {
    const started = Date.now();
    const topic = topicName('twinEvents', env.namespace);
    const ids = Array.from({ length: CONTRACTS }, (_, i) => i);
    // The registry tells maintenance whose assets these are (twin-state's own events, published as it would).
    await producer.send({
      topic,
      messages: await Promise.all(ids.map((i) => twinEvent(`asset-${asset(i)}`, 1, 'AssetRegistered', {
        tenant: 'acme', assetId: asset(i), model: 'CFM56', variant: '7B', buildBatch: 'B1', environment: { climate: 'temperate', route: 'short-haul' }, inServiceDate: '2020-01-01',
      }))),
    });
    const terms = { usage: { basis: 'operating-hour', rateMinor: 0 }, availability: { guaranteedBps: 9500, penaltyPerPointMinor: 100_000 }, completion: null };
    for (const i of ids) {
      await retried('/v1/contracts', `create-${i}`, { contractId: contract(i), assetId: asset(i), currency: 'EUR', effectiveFrom: '2026-10-01T00:00:00Z', terms: { ...terms, usage: { basis: 'operating-hour', rateMinor: rate(i) } } });
    }

    // Every asset's October: CYCLES completed cycles, sent in chunks while maintenance is killed twice.
    const cycles = ids.flatMap((i) => Array.from({ length: CYCLES }, (_, k) => ({ i, k })));
    const chunk = Math.ceil(cycles.length / 3);
    for (let part = 0; part < 3; part += 1) {
      const slice = cycles.slice(part * chunk, (part + 1) * chunk);
      await producer.send({
        topic,
        messages: await Promise.all(slice.map(({ i, k }) => twinEvent(`twin-${asset(i)}`, k + 1, 'CycleCompleted', {
          assetId: asset(i), cycle: k + 1, start: '2026-10-01T00:00:00.000Z', end: new Date(Date.UTC(2026, 9, 1 + k, 6, i)).toISOString(), durationMs: runningMs(i, k), runningMs: runningMs(i, k), peaks: {},
        }))),
      });
      if (part < 2) {
        await new Promise((r) => setTimeout(r, 400 + part * 300));
        await restart();
      }
    }
    await waitFor(async () => {
      const views = await Promise.all(ids.map((i) => fetch(`${maintenance.url}/v1/contracts/${contract(i)}`, { headers: { 'x-tenant': 'acme' } }).then((r) => jsonBody<{ openUsage: Record<string, { cycles: number }> }>(r))));
      return views.every((v) => v.openUsage['2026-10']?.cycles === CYCLES);
    }, { timeoutMs: 120_000, intervalMs: 500, what: 'every cycle metered exactly once' });

    // Close October everywhere, killing maintenance half way; the callers retry with their keys.
    const closing = Promise.all(ids.map((i) => retried(`/v1/contracts/${contract(i)}/periods/2026-10/close`, `close-${i}`)));
    await new Promise((r) => setTimeout(r, 150));
    await restart();
    await closing;

    const ledger = async (i: number) => jsonBody<{ entries: { entryId: string; kind: string; amountMinor: number }[]; totalMinor: number }>(await fetch(`${maintenance.url}/v1/contracts/${contract(i)}/ledger`, { headers: { 'x-tenant': 'acme' } }));
    await waitFor(async () => (await Promise.all(ids.map(ledger))).every((l) => l.entries.length === 2), { timeoutMs: 60_000, what: 'two October entries per contract' });
    const recoveredMs = Date.now() - started;

    let entries = 0;
    for (const i of ids) {
      const { entries: lines, totalMinor } = await ledger(i);
      const ms = Array.from({ length: CYCLES }, (_, k) => runningMs(i, k)).reduce((a, b) => a + b, 0);
      expect(lines.map((e) => [e.kind, e.amountMinor])).toEqual([['usage-charge', halfEven(BigInt(ms) * BigInt(rate(i)), BigInt(HOUR))], ['availability-penalty', 0]]);
      expect(totalMinor).toBe(halfEven(BigInt(ms) * BigInt(rate(i)), BigInt(HOUR)));
      entries += lines.length;
    }

    const report = await jsonBody<{ entries: number; digestBefore: string; digestAfter: string; identical: boolean }>(await fetch(`${maintenance.url}/v1/billing/rebuild`, { method: 'POST' }));
    expect(report).toMatchObject({ entries, identical: true });
    expect(report.digestAfter).toBe(report.digestBefore);

    const published = await readTopic(env.kafkaBrokers, topicName('billing', env.namespace), entries, 60_000, 2000);
    const ceIds = published.map((m) => m.headers?.ce_id?.toString() ?? '');
    expect(new Set(ceIds).size).toBe(entries);
    recordFaultResult({
      scenario: 'sigkill-maintenance-ledger',
      group: 'faults',
      passed: true,
      figures: { contracts: CONTRACTS, cyclesMetered: CONTRACTS * CYCLES, kills, ledgerEntries: entries, billingRecords: published.length, duplicateRecords: published.length - entries, recoveredMs },
    });
  });
});
