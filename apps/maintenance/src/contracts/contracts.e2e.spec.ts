import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { PostgresEventStore } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { topicName } from '@fleettwin/contracts';
import { freePort, isolatedEnvironment, jsonBody, readTopic, serviceDatabaseUrl, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';

/**
 * Service contracts end to end: real telemetry through ingest → twin-state → maintenance usage,
 * work orders raised by predictions and taken through completion and the effect check, a contract
 * amended mid-month and its October closed. The ledger must reconcile to the cent with figures
 * this test computes on its own, replay identically, and reach ERP over gRPC without gaps.
 */
const ACME_KEY = 'acme-erp-key-0123456789abcdef';
const KEYS = `acme:${ACME_KEY},globex:globex-erp-key-0123456789abcdef`;
const ASSET = 'ESN-C1';
const CONTRACT = 'PBH-ESN-C1';
const HOUR = 3_600_000;

interface Entry { sequence: number; entryId: string; kind: string; amountMinor: number; period: string; termsVersion: number; detail: Record<string, unknown> }
interface EntryMessage { cursor: string; entryId: string; kind: string; amountMinor: string; contractId: string; detailJson: string }
interface WorkOrderMessage { id: string; status: string; effect: string }
type Unary = (req: object, metadata: grpc.Metadata, cb: (err: grpc.ServiceError | null, res: never) => void) => void;
type Stub = grpc.Client & Record<string, Unary> & { Watch(req: object, metadata: grpc.Metadata): grpc.ClientReadableStream<EntryMessage> };
type StubConstructor = new (address: string, credentials: grpc.ChannelCredentials) => Stub;

let env: TestEnvironment;
let ingest: RunningService;
let twinState: RunningService;
let maintenance: RunningService;
let producer: Producer;
let billing: Stub;
let workOrders: Stub;

// Independent of the service's code: half-to-even division on integers.
function halfEven(numerator: bigint, denominator: bigint): number {
  const q = numerator / denominator;
  const r2 = (numerator % denominator) * 2n;
  return Number(r2 > denominator || (r2 === denominator && q % 2n === 1n) ? q + 1n : q);
}

const key = () => {
  const metadata = new grpc.Metadata();
  metadata.set('x-api-key', ACME_KEY);
  return metadata;
};

function call<T>(stub: Stub, method: string, request: object, metadata = key()): Promise<T> {
  return new Promise((done, fail) => stub[method]?.(request, metadata, (error, response) => (error ? fail(error) : done(response as T))));
}

async function http<T>(method: string, path: string, body?: unknown, tenant = 'acme', status = 200): Promise<T> {
  const res = await fetch(`${maintenance.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-tenant': tenant, 'x-actor': 'planner-e2e' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return jsonBody<T>(res);
}

let seq = 0;
/** One start-to-shutdown cycle sent to ingest: running frames at the offsets, then a stopped frame; returns its running time. */
async function flyCycle(startIso: string, gapsMs: number[]): Promise<number> {
  const start = Date.parse(startIso);
  const offsets = gapsMs.reduce<number[]>((acc, gap) => [...acc, (acc[acc.length - 1] ?? 0) + gap], [0]);
  const frames = offsets.map((offset, i) => ({
    tenant: 'acme', assetId: ASSET, ts: new Date(start + offset).toISOString(), seq: ++seq,
    readings: i === offsets.length - 1 ? { n2: 12, egt: 300 } : { n2: 92, egt: 640 + i },
  }));
  const res = await fetch(`${ingest.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames }) });
  if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  return offsets[offsets.length - 1] as number;
}

let predictionVersion = 0;
async function predict(cycle: number, failureProbability: number, healthIndex: number, rulLower: number): Promise<void> {
  const version = ++predictionVersion;
  const occurredAt = new Date(Date.UTC(2026, 10, 1) + version * HOUR).toISOString();
  const data = {
    assetId: ASSET, tenant: 'acme', cycle, occurredAt, modelVersion: 'rul-gbt-test', healthIndex,
    rul: { mean: rulLower + 15, lower: rulLower, upper: rulLower + 30, coverage: 0.8 }, failureProbability, horizon: 30,
    explanation: { rul: [{ sensor: 's11' }] },
  };
  await producer.send({
    topic: topicName('predictions', env.namespace),
    messages: [{ key: `prediction-${ASSET}`, value: JSON.stringify({ streamId: `prediction-${ASSET}`, version, type: 'PredictionMade', data, occurredAt }) }],
  });
}

const orders = () => call<{ workOrders: WorkOrderMessage[] }>(workOrders, 'List', { tenant: 'acme', assetId: ASSET }).then((r) => r.workOrders);

/** Raises an order with a risky prediction, takes it to completion, then lets a later prediction judge it. */
async function completeAndJudge(riskyCycle: number, pBefore: number, scheduledFor: string, after: { p: number; hi: number; rul: number }, verdict: string): Promise<string> {
  const known = new Set((await orders()).map((o) => o.id));
  await predict(riskyCycle, pBefore, 0.2, 8);
  let id = '';
  await waitFor(async () => {
    id = (await orders()).find((o) => !known.has(o.id) && o.status === 'open')?.id ?? '';
    return Boolean(id);
  }, { timeoutMs: 30000, what: `a work order raised at cycle ${riskyCycle}` });
  await call(workOrders, 'Acknowledge', { tenant: 'acme', id, idempotencyKey: `${id}-ack` });
  await call(workOrders, 'Schedule', { tenant: 'acme', id, idempotencyKey: `${id}-sched`, scheduledFor, site: 'MRO-HAM' });
  await call(workOrders, 'Start', { tenant: 'acme', id, idempotencyKey: `${id}-start`, actor: 'tech-1' });
  await call(workOrders, 'Complete', { tenant: 'acme', id, idempotencyKey: `${id}-done`, completion: { findings: 'HPC wash and blade blend', confirmedFailureMode: 'NO-FAULT-FOUND', technician: 'tech-1', organisation: 'MRO Hamburg' } });
  await predict(riskyCycle + 11, after.p, after.hi, after.rul);
  await waitFor(async () => (await orders()).find((o) => o.id === id)?.effect === verdict, { timeoutMs: 30000, what: `${id} judged ${verdict}` });
  return id;
}

const ledger = () => http<{ entries: Entry[]; totalMinor: number }>('GET', `/v1/contracts/${CONTRACT}/ledger`);

beforeAll(async () => {
  env = await isolatedEnvironment('contracts');
  const grpcPort = await freePort();
  [ingest, twinState, maintenance] = await Promise.all([
    startService('ingest', env.env),
    startService('twin-state', env.env),
    startService('maintenance', { ...env.env, GRPC_PORT: String(grpcPort), GRPC_API_KEYS: KEYS }),
  ]);
  producer = new Kafka({ clientId: 'contracts-e2e', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const load = (file: string) => grpc.loadPackageDefinition(protoLoader.loadSync(resolve(WORKSPACE_ROOT, file), { keepCase: false, longs: String, enums: String, defaults: true })) as unknown as {
    fleettwin: { billing: { v1: { BillingService: StubConstructor } }; maintenance: { v1: { WorkOrderService: StubConstructor } } };
  };
  billing = new (load('libs/contracts/proto/fleettwin/billing/v1/billing.proto').fleettwin.billing.v1.BillingService)(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
  workOrders = new (load('libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto').fleettwin.maintenance.v1.WorkOrderService)(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
});

afterAll(async () => {
  billing?.close();
  workOrders?.close();
  await producer?.disconnect();
  await Promise.all([ingest?.stop(), twinState?.stop(), maintenance?.stop()]);
});

describe('service contracts: the ledger settles usage and completions from the log', () => {
  const TERMS = {
    usage: { basis: 'operating-hour', rateMinor: 42_000 },
    availability: { guaranteedBps: 9500, penaltyPerPointMinor: 100_000 },
    completion: { amountMinor: 1_000_000, advanceBps: 3000, partialMinRecoveryBps: 5000 },
  };
  const AMENDED_RATE = 45_500;
  const running: { endedAt: string; ms: number }[] = [];
  const watched: EntryMessage[] = [];
  let firstWatch: grpc.ClientReadableStream<EntryMessage>;

  it('creates and amends a contract (terms are versions, never edited) and refuses another tenant', async () => {
    // A spare engine in the tenant's fleet pool: the registry tells maintenance whose asset it is.
    for (const asset of [{ assetId: 'FLEET-C', kind: 'fleet', parentId: null }, { assetId: ASSET, kind: 'engine', parentId: 'FLEET-C' }]) {
      const registered = await fetch(`${twinState.url}/v1/assets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-actor': 'e2e' },
        body: JSON.stringify({ tenant: 'acme', ...asset, model: 'CFM56', variant: '7B', serial: asset.assetId, buildBatch: 'B1', environment: { climate: 'temperate', route: 'short-haul', tags: [] }, inServiceDate: '2020-01-01' }),
      });
      expect(registered.status).toBe(201);
    }
    await http('POST', '/v1/contracts', { contractId: CONTRACT, assetId: ASSET, currency: 'EUR', effectiveFrom: '2026-10-01T00:00:00Z', terms: TERMS }, 'acme', 201);
    const amended = await http<{ versions: { version: number; effectiveFrom: string }[] }>('POST', `/v1/contracts/${CONTRACT}/amendments`, { effectiveFrom: '2026-10-15T00:00:00Z', terms: { ...TERMS, usage: { basis: 'operating-hour', rateMinor: AMENDED_RATE } } }, 'acme', 201);
    expect(amended.versions.map((v) => v.version)).toEqual([1, 2]);
    await http('GET', `/v1/contracts/${CONTRACT}`, undefined, 'globex', 404);
    await http('POST', `/v1/contracts/${CONTRACT}/periods/2026-10/close`, undefined, 'globex', 404);
    await http('POST', '/v1/contracts', { contractId: 'OTHER', assetId: ASSET, currency: 'EUR', effectiveFrom: '2026-10-01T00:00:00Z', terms: TERMS }, 'acme', 409);
  });

  it('meters the cycles the twin counts from real telemetry', async () => {
    const gaps = (n: number, base: number) => Array.from({ length: n }, (_, i) => base + ((i * 7919) % 20_011));
    for (const [startIso, n, base] of [['2026-10-03T10:00:00.000Z', 14, 251_003], ['2026-10-14T06:30:00.000Z', 9, 277_777], ['2026-10-20T17:45:00.000Z', 21, 180_001], ['2026-11-01T08:00:00.000Z', 5, 200_000]] as const) {
      const ms = await flyCycle(startIso, gaps(n, base));
      running.push({ endedAt: new Date(Date.parse(startIso) + ms).toISOString(), ms });
    }
    await waitFor(async () => {
      const view = await http<{ openUsage: Record<string, { cycles: number; runningMs: number }> }>('GET', `/v1/contracts/${CONTRACT}`);
      return view.openUsage['2026-10']?.cycles === 3 && view.openUsage['2026-11']?.cycles === 1;
    }, { timeoutMs: 60000, what: 'four metered cycles on the contract' });
    const view = await http<{ openUsage: Record<string, { cycles: number; runningMs: number }> }>('GET', `/v1/contracts/${CONTRACT}`);
    expect(view.openUsage['2026-10']?.runningMs).toBe(running.slice(0, 3).reduce((s, c) => s + c.ms, 0));
  });

  it('pays in full on a verified completion, pro rata on a partial one, and refunds the advance on an ineffective one', async () => {
    firstWatch = billing.Watch({ tenant: 'acme', cursor: '' }, key());
    firstWatch.on('data', (m: EntryMessage) => watched.push(m));
    firstWatch.on('error', () => undefined);

    await completeAndJudge(100, 0.8, '2026-10-28T00:00:00Z', { p: 0.05, hi: 0.9, rul: 150 }, 'verified');
    await completeAndJudge(120, 0.9, '2026-11-05T00:00:00Z', { p: 0.35, hi: 0.35, rul: 90 }, 'ineffective');
    await completeAndJudge(140, 0.9, '2026-11-06T00:00:00Z', { p: 0.85, hi: 0.2, rul: 9 }, 'ineffective');
    await waitFor(async () => (await ledger()).entries.length === 6, { timeoutMs: 20000, what: 'three advances and three settlements' });
    const settlements = (await ledger()).entries.filter((e) => e.entryId.includes(':settlement:'));
    expect(settlements.map((e) => [e.kind, e.detail.settlement, e.amountMinor])).toEqual([
      ['completion-payment', 'full', 700_000],
      ['completion-payment', 'partial', 311_100], // (0.9 − 0.35) / 0.9 = 6 111 bps of 1 000 000, less the 300 000 advance
      ['completion-refund', 'refund', -300_000],
    ]);
  });

  it('watches over gRPC, drops mid-stream and resumes from its cursor with no gap and no duplicate', async () => {
    await waitFor(() => watched.length >= 6, { timeoutMs: 20000, what: 'the first six entries on the watch' });
    firstWatch.cancel();
    const cursor = watched[watched.length - 1]?.cursor as string;

    // While the ERP is away, October closes: usage charges and the availability penalty are recorded.
    await http('POST', `/v1/contracts/${CONTRACT}/periods/2026-10/close`);
    await waitFor(async () => (await ledger()).entries.length === 9, { timeoutMs: 20000, what: 'the October entries' });

    const resumed: EntryMessage[] = [];
    const second = billing.Watch({ tenant: 'acme', cursor }, key());
    second.on('data', (m: EntryMessage) => resumed.push(m));
    second.on('error', () => undefined);
    await waitFor(() => resumed.length >= 3, { timeoutMs: 20000, what: 'the entries recorded while disconnected' });
    await new Promise((r) => setTimeout(r, 500)); // nothing more may follow
    second.cancel();

    const all = [...watched, ...resumed].map((m) => m.entryId);
    const stored = (await ledger()).entries;
    expect(all).toEqual(stored.map((e) => e.entryId));
    expect([...watched, ...resumed].map((m) => Number(m.cursor))).toEqual(stored.map((e) => e.sequence));

    // A watch narrowed to one contract sees only that contract's entries.
    const narrowed = async (contractId: string) => {
      const seen: EntryMessage[] = [];
      const stream = billing.Watch({ tenant: 'acme', contractId, cursor: '' }, key());
      stream.on('data', (m: EntryMessage) => seen.push(m));
      stream.on('error', () => undefined);
      await new Promise((r) => setTimeout(r, 800));
      stream.cancel();
      return seen;
    };
    expect((await narrowed(CONTRACT)).map((m) => m.entryId)).toEqual(stored.map((e) => e.entryId));
    expect(await narrowed('PBH-NONE')).toEqual([]);

    const listed: EntryMessage[] = [];
    let pageToken = '';
    do {
      const page = await call<{ entries: EntryMessage[]; nextPageToken: string }>(billing, 'List', { tenant: 'acme', contractId: CONTRACT, pageSize: 4, pageToken });
      listed.push(...page.entries);
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(listed.map((m) => [m.entryId, Number(m.amountMinor)])).toEqual(stored.map((e) => [e.entryId, e.amountMinor]));
    const october = await call<{ entries: EntryMessage[] }>(billing, 'List', { tenant: 'acme', period: '2026-10' });
    expect(october.entries.map((m) => m.kind).sort()).toEqual(['availability-penalty', 'usage-charge', 'usage-charge']);
    await expect(call(billing, 'List', { tenant: 'acme' }, new grpc.Metadata())).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    await expect(call(billing, 'List', { tenant: 'globex' })).rejects.toMatchObject({ code: grpc.status.PERMISSION_DENIED });
  });

  it('reconciles to the cent: Σ(hours × rate) + completion payments − refunds − penalties', async () => {
    const { entries, totalMinor } = await ledger();
    // Usage per terms version, each rounded once, half to even.
    const v1 = running.slice(0, 2).reduce((s, c) => s + c.ms, 0);
    const v2 = running[2]?.ms ?? 0;
    const usage = halfEven(BigInt(v1) * 42_000n, BigInt(HOUR)) + halfEven(BigInt(v2) * BigInt(AMENDED_RATE), BigInt(HOUR));
    // Completions: full 1 000 000, partial 611 100 (6 111 bps), refund 0 — advances included in each.
    const completions = 1_000_000 + halfEven(1_000_000n * 6111n, 10_000n) + 0;
    // October availability: in the shop from the scheduled visit (Oct 28, 00:00) to the month's end.
    const october = Date.UTC(2026, 10, 1) - Date.UTC(2026, 9, 1);
    const down = Date.UTC(2026, 10, 1) - Date.parse('2026-10-28T00:00:00Z');
    const availabilityBps = halfEven(BigInt(october - down) * 10_000n, BigInt(october));
    const penalty = halfEven(BigInt(Math.max(0, 9500 - availabilityBps)) * 100_000n, 100n);
    expect(availabilityBps).toBe(8710);

    expect(entries.filter((e) => e.kind === 'usage-charge').reduce((s, e) => s + e.amountMinor, 0)).toBe(usage);
    expect(entries.find((e) => e.kind === 'availability-penalty')?.amountMinor).toBe(-penalty);
    expect(totalMinor).toBe(usage + completions - penalty);
    expect(entries.reduce((s, e) => s + e.amountMinor, 0)).toBe(totalMinor);
  });

  it('publishes every entry once on fleet.billing.v1, and a rebuild reproduces the ledger and publishes nothing new', async () => {
    const topic = topicName('billing', env.namespace);
    const before = await readTopic(env.kafkaBrokers, topic, 9, 20000, 1000);
    const { entries } = await ledger();
    expect(before.map((m) => m.headers?.ce_id?.toString()).sort()).toEqual(entries.map((e) => e.entryId).sort());

    const report = await http<{ entries: number; digestBefore: string; digestAfter: string; identical: boolean }>('POST', '/v1/billing/rebuild');
    expect(report).toMatchObject({ entries: 9, identical: true });
    expect(report.digestAfter).toBe(report.digestBefore);
    expect((await ledger()).entries).toEqual(entries);

    await new Promise((r) => setTimeout(r, 1500)); // the relay polls every 200 ms
    const after = await readTopic(env.kafkaBrokers, topic, 9, 20000, 1000);
    expect(after).toHaveLength(9);
  });

  it('skips a ledger input it cannot read, dead-letters it with the reason, and bills nothing for it', async () => {
    const pool = new Pool({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'maintenance'), max: 1 });
    try {
      await inTransaction(pool, (client) =>
        new PostgresEventStore(client).append(client, `usage-${ASSET}`, 'any', [
          { type: 'UsageMetered', occurredAt: '2026-11-02T00:00:00Z', data: { tenant: 'acme', assetId: ASSET, cycleKey: 'forged:1', endedAt: '2026-11-02T00:00:00Z', runningMs: 1.5 } },
        ]),
      );
    } finally {
      await pool.end();
    }
    const [letter] = await readTopic(env.kafkaBrokers, `${topicName('billing', env.namespace)}.dlq`, 1, 20000);
    expect(letter?.headers?.reason?.toString()).toContain('runningMs');
    const view = await http<{ openUsage: Record<string, { cycles: number }> }>('GET', `/v1/contracts/${CONTRACT}`);
    expect(view.openUsage['2026-11']?.cycles).toBe(1);
    expect((await ledger()).entries).toHaveLength(9);
  });
});
