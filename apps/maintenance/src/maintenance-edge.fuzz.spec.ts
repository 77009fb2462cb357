import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import fc from 'fast-check';
import { Kafka, logLevel } from 'kafkajs';
import { resolve } from 'node:path';
import { AddFailureModeBody } from './catalog/failure-mode.body';
import { describeIssues, RecordPartEventBody, topicName, WORK_ORDER_KINDS } from '@fleettwin/contracts';
import { validateFailureMode } from '@fleettwin/domain-failure-mode';
import {
  bodyCases,
  EXTREME_TIMESTAMPS,
  fuzzCaseCount,
  fuzzFigures,
  fuzzHttpEdge,
  hostileString,
  idSegment,
  isolatedEnvironment,
  freePort,
  garbageBody,
  mutationOf,
  runPureFuzz,
  withRawToken,
  PropertyBroken,
  queryString,
  RawHttpClient,
  recordFaultResult,
  runFuzz,
  startService,
  waitFor,
  WORKSPACE_ROOT,
  type HttpCase,
  type RunningService,
} from '@fleettwin/testing';

/**
 * maintenance's edges under generated input: its REST bodies and queries (custody records, the
 * failure-mode catalog, consistency proofs, advisories) over real HTTP, and its gRPC services
 * (work orders, usage, custody) over real gRPC calls. Property: no 5xx / no INTERNAL; refusals precise.
 */
/**
 * FUZZ_CASES shortens a local run; the suite runs the full count. The body decoders behind the REST
 * routes also get 10,000 pure cases each (cheap, and they cover shapes the real sample may miss).
 */
const REST_CASES = fuzzCaseCount();
const PURE_CASES = fuzzCaseCount();
const GRPC_CASES = fuzzCaseCount();
const ACME_KEY = 'acme-fuzz-key-0123456789abcdef';
const PART = 'PN-FUZZ/SN-1';
const IDENTITY = { 'x-organisation': 'MRO-1', 'x-actor': 'fuzzer', 'x-authorisations': 'certify,release' };

let maintenance: RunningService;
let client: RawHttpClient;
let grpcPort: number;
let workOrderId = '';

beforeAll(async () => {
  const env = await isolatedEnvironment('fuzzmaint');
  grpcPort = await freePort();
  maintenance = await startService('maintenance', { ...env.env, LOG_LEVEL: 'warn', GRPC_PORT: String(grpcPort), GRPC_API_KEYS: `acme:${ACME_KEY}` });
  client = new RawHttpClient(maintenance.url, 16);
  const manufacture = { command: 'manufacture', data: { partNumber: 'PN-FUZZ', serialNumber: 'SN-1', batch: 'B1', lifeLimits: { cycles: 20000 } } };
  const made = await fetch(`${maintenance.url}/v1/parts/${encodeURIComponent(PART)}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...IDENTITY }, body: JSON.stringify(manufacture) });
  expect(made.status).toBe(201);
  // A work order to aim lifecycle calls at: a prediction over the threshold opens one.
  const producer = new Kafka({ clientId: 'fuzz', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const occurredAt = new Date().toISOString();
  const data = { assetId: 'ESN-FUZZ', tenant: 'acme', cycle: 200, occurredAt, modelVersion: 'rul-test', healthIndex: 0.2, rul: { mean: 25, lower: 10, upper: 40, coverage: 0.8 }, failureProbability: 0.9, horizon: 30, explanation: { rul: [{ sensor: 's11' }] } };
  await producer.send({ topic: topicName('predictions', env.namespace), messages: [{ key: 'prediction-ESN-FUZZ', value: JSON.stringify({ streamId: 'prediction-ESN-FUZZ', version: 1, type: 'PredictionMade', data, occurredAt }) }] });
  await producer.disconnect();
  await waitFor(async () => {
    const page = (await unaryCall('WorkOrderService', 'List', { tenant: 'acme' }, ACME_KEY)) as { workOrders?: { id: string }[] };
    workOrderId = page.workOrders?.[0]?.id ?? '';
    return Boolean(workOrderId);
  }, { timeoutMs: 30000, what: 'a work order opened by the prediction' });
});

afterAll(async () => {
  client?.close();
  for (const stub of Object.values(stubs)) stub.close();
  await maintenance?.stop();
});

// ---------- REST ----------

const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$/);
const counters = fc.record({ hours: fc.double({ min: 0, max: 1e5, noNaN: true }), cycles: fc.double({ min: 0, max: 1e5, noNaN: true }) });
const certificate = fc.record({ form: fc.constantFrom('EASA_FORM_1', 'FAA_8130_3'), number: text, issuer: text });
const partCommand = fc.oneof(
  fc.record({ command: fc.constant('manufacture'), data: fc.record({ partNumber: text, serialNumber: text, batch: text, lifeLimits: fc.record({ hours: fc.double({ min: 1, max: 1e5, noNaN: true }), cycles: fc.double({ min: 1, max: 1e5, noNaN: true }) }, { requiredKeys: [] }) }) }),
  fc.record({ command: fc.constant('certify'), data: fc.record({ certificate }) }),
  fc.record({ command: fc.constant('install'), data: fc.record({ assetId: text, position: text, assetCounters: counters }) }),
  fc.record({ command: fc.constant('record-usage'), data: fc.record({ assetId: text, assetCounters: counters }) }),
  fc.record({ command: fc.constant('inspect'), data: fc.record({ findings: text, serviceable: fc.boolean() }) }),
  fc.record({ command: fc.constant('store'), data: fc.record({ location: text, conditions: text }) }),
  fc.record({ command: fc.constant('transfer'), data: fc.record({ transferId: text, to: fc.record({ id: text, name: text }) }) }),
  fc.record({ command: fc.constant('quarantine'), data: fc.record({ reason: text }) }),
  fc.record({ command: fc.constant('check-custody'), data: fc.constant({}) }),
).chain((body) => fc.record({ commandId: fc.option(text, { nil: undefined }), occurredAt: fc.option(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), { nil: undefined }) }).map((extra) => ({ ...body, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) })));
const partPath = fc.oneof(fc.constant(encodeURIComponent(PART)), fc.stringMatching(/^PN-[A-Z0-9]{1,8}$/)).map((id) => `/v1/parts/${id}/events`);

const failureMode = fc.record({
  code: fc.stringMatching(/^FZ[A-Z0-9-]{2,12}$/),
  component: text,
  description: text,
  signature: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/), fc.constantFrom('up', 'down'), { minKeys: 1, maxKeys: 4 }),
  recommendedAction: fc.record({ kind: fc.constantFrom(...WORK_ORDER_KINDS), instructions: text }),
  inspectionIntervalCycles: fc.integer({ min: 1, max: 100_000 }),
});

const restCases: fc.Arbitrary<HttpCase> = fc.oneof(
  { weight: 4, arbitrary: bodyCases({ label: 'POST /v1/parts/:id/events', method: 'POST', path: partPath, headers: IDENTITY, valid: partCommand, schema: RecordPartEventBody, accepted: [201, 403, 404, 409, 422] }) },
  { weight: 2, arbitrary: bodyCases({ label: 'POST /v1/failure-modes', method: 'POST', path: '/v1/failure-modes', valid: failureMode, accepted: [201, 409] }) },
  { weight: 2, arbitrary: bodyCases({ label: 'PUT /v1/failure-modes/:code', method: 'PUT', path: fc.constantFrom('HPC-DEG', 'FAN-DEG', 'NOPE-1').map((c) => `/v1/failure-modes/${c}`), valid: failureMode.map(({ code: _code, ...rest }) => rest), accepted: [200, 404, 409] }) },
  {
    weight: 1,
    arbitrary: fc.tuple(idSegment(fc.constant(PART)), fc.constantFrom('', '/history', '/dossier')).map(([id, suffix]): HttpCase => ({ label: 'GET /v1/parts/:id query', method: 'GET', path: `/v1/parts/${id}${suffix}`, expect: 'any' })),
  },
  { weight: 1, arbitrary: queryString({ from: fc.nat({ max: 5 }).map(String), to: fc.nat({ max: 5 }).map(String) }, ['from', 'to']).map((q): HttpCase => ({ label: 'GET /v1/custody/consistency query', method: 'GET', path: `/v1/custody/consistency${q.query}`, expect: 'any' })) },
  { weight: 1, arbitrary: queryString({ tenant: fc.constantFrom('acme', 'globex') }, ['tenant']).map((q): HttpCase => ({ label: 'GET /v1/advisories query', method: 'GET', path: `/v1/advisories${q.query}`, expect: 'any' })) },
  // Without an identity the ledger records nothing: a precise 400, not a 500.
  { weight: 1, arbitrary: partCommand.map((body): HttpCase => ({ label: 'POST /v1/parts/:id/events no-identity', method: 'POST', path: `/v1/parts/${encodeURIComponent(PART)}/events`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), expect: 'refuse' })) },
);

describe('fuzz: maintenance REST body decoders (pure)', () => {
  const json = (text: string): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false };
    }
  };
  const bodies = (valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 1, arbitrary: valid.map((v) => JSON.stringify(v)) }, { weight: 4, arbitrary: mutationOf(valid).map((m) => withRawToken(m.value)) }, { weight: 1, arbitrary: garbageBody().map((b) => b.toString('utf8')) });

  it(`decodes ${PURE_CASES} generated custody bodies and ${PURE_CASES} catalog bodies without throwing: a command, or field-named issues`, () => {
    const custody = runPureFuzz(bodies(partCommand), PURE_CASES, (text) => {
      const parsed = json(text);
      if (!parsed.ok) return ['outcome:malformed-json'];
      const body = RecordPartEventBody.safeParse(parsed.value);
      if (body.success) return ['outcome:command'];
      if (!describeIssues(body.error).every((d) => d.path && d.message)) throw new PropertyBroken(`issues without a field: ${JSON.stringify(body.error.issues)}`);
      return ['outcome:refused'];
    });
    const catalog = runPureFuzz(bodies(failureMode), PURE_CASES, (text) => {
      const parsed = json(text);
      if (!parsed.ok) return ['outcome:malformed-json'];
      const body = AddFailureModeBody.safeParse(parsed.value);
      if (!body.success) return ['outcome:refused-shape'];
      // The domain's own checks run on every well-shaped body and must not throw either.
      return validateFailureMode({ ...body.data, retired: false }).length ? ['outcome:refused-meaning'] : ['outcome:valid'];
    });
    recordFaultResult({ scenario: 'fuzz-maintenance-body-decoders', group: 'fuzz', passed: true, figures: { cases: custody.cases + catalog.cases, 'custody-cases': custody.cases, 'catalog-cases': catalog.cases, ms: custody.ms + catalog.ms, path: 'pure: RecordPartEventBody, AddFailureModeBody + validateFailureMode' } });
  }, 300_000);
});

describe('fuzz: maintenance REST (real service, real HTTP)', () => {
  it(`answers ${REST_CASES} generated custody records, catalog edits and queries without a 5xx, refusing bad input precisely`, async () => {
    await fuzzHttpEdge({ scenario: 'fuzz-http-maintenance', path: 'real HTTP → maintenance → Postgres', client, arbitrary: restCases, cases: REST_CASES });
  }, 300_000);
});

// ---------- gRPC ----------

type Stub = grpc.Client & Record<string, (req: object, md: grpc.Metadata, opts: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r: unknown) => void) => void>;
const stubs: Record<string, Stub> = {};

function stub(service: 'WorkOrderService' | 'UsageService' | 'CustodyService'): Stub {
  if (stubs[service]) return stubs[service];
  const proto = service === 'CustodyService' ? 'libs/contracts/proto/fleettwin/custody/v1/custody.proto' : 'libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto';
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(resolve(WORKSPACE_ROOT, proto), { keepCase: false, longs: String, enums: String, defaults: true })) as unknown as {
    fleettwin: Record<string, { v1: Record<string, new (address: string, credentials: grpc.ChannelCredentials) => Stub> }>;
  };
  const pkg = service === 'CustodyService' ? 'custody' : 'maintenance';
  const Ctor = loaded.fleettwin[pkg]?.v1[service];
  if (!Ctor) throw new Error(`no ${service} in ${proto}`);
  stubs[service] = new Ctor(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
  return stubs[service];
}

function unaryCall(service: 'WorkOrderService' | 'UsageService' | 'CustodyService', rpc: string, request: object, apiKey?: string, identity = true): Promise<unknown> {
  const metadata = new grpc.Metadata();
  if (apiKey) metadata.set('x-api-key', apiKey);
  if (identity) for (const [k, v] of Object.entries(IDENTITY)) metadata.set(k, v);
  return new Promise((done, fail) => stub(service)[rpc]?.(request, metadata, { deadline: Date.now() + 30_000 }, (error, response) => (error ? fail(error) : done(response))));
}

/** A string field's value: valid, hostile, a timestamp edge or empty. */
const str = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 3, arbitrary: hostileString() }, { weight: 1, arbitrary: fc.constantFrom(...EXTREME_TIMESTAMPS) }, { weight: 1, arbitrary: fc.constant('') });
const tenant = str(fc.constant('acme'));
const woId = str(fc.constant('').map(() => workOrderId));
const instant = str(fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()));
const key = fc.oneof({ weight: 8, arbitrary: fc.constant(ACME_KEY) }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileString().filter((k) => /^[\x20-\x7e]*$/.test(k)) });
const part = fc.record({ partNumber: str(text), serial: str(text) });
const completion = fc.record({ findings: str(text), confirmedFailureMode: str(fc.constantFrom('HPC-DEG', 'NO-FAULT-FOUND')), partsRemoved: fc.array(part, { maxLength: 3 }), partsInstalled: fc.array(part, { maxLength: 3 }), technician: str(text), organisation: str(text), completedAt: instant });

interface GrpcCase { service: 'WorkOrderService' | 'UsageService' | 'CustodyService'; rpc: string; request: Record<string, unknown>; apiKey?: string }
const lifecycle = (rpc: string, extra: Record<string, fc.Arbitrary<unknown>> = {}) =>
  fc.record({ request: fc.record({ tenant, id: woId, idempotencyKey: str(text), actor: str(text), ...extra }, { requiredKeys: [] }), apiKey: key }).map(({ request, apiKey }): GrpcCase => ({ service: 'WorkOrderService', rpc, request, apiKey }));
const grpcCases: fc.Arbitrary<GrpcCase> = fc.oneof(
  fc.record({ request: fc.record({ tenant, status: fc.array(str(fc.constantFrom('open', 'acknowledged', 'scheduled')), { maxLength: 3 }), assetId: str(fc.constant('ESN-FUZZ')), updatedSince: instant, pageSize: fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, 1, 1000, 1001)), pageToken: str(fc.constant('')).map((t) => (t === '' ? '' : Buffer.from(t).toString('base64url'))) }, { requiredKeys: [] }), apiKey: key }).map(({ request, apiKey }): GrpcCase => ({ service: 'WorkOrderService', rpc: 'List', request, apiKey })),
  fc.record({ request: fc.record({ tenant, id: woId }, { requiredKeys: [] }), apiKey: key }).map(({ request, apiKey }): GrpcCase => ({ service: 'WorkOrderService', rpc: 'Get', request, apiKey })),
  lifecycle('Acknowledge'),
  lifecycle('Schedule', { scheduledFor: instant, site: str(text) }),
  lifecycle('Start'),
  lifecycle('Complete', { completion }),
  lifecycle('Defer', { reason: str(text), until: instant }),
  lifecycle('Cancel', { reason: str(text) }),
  fc.record({ request: fc.record({ tenant, assetId: str(fc.constant('ESN-FUZZ')), from: instant, to: instant }, { requiredKeys: [] }), apiKey: key }).map(({ request, apiKey }): GrpcCase => ({ service: 'UsageService', rpc: 'GetUsage', request, apiKey })),
  fc.record({
    request: fc.record({ partId: str(fc.constant(PART)), command: str(fc.constantFrom('inspect', 'store', 'quarantine', 'check-custody', 'manufacture')), dataJson: fc.oneof(partCommand.map((c) => JSON.stringify(c.data)), hostileString(), fc.constantFrom('{', 'null', '[]', '{"findings":NaN}', '1e999')), commandId: str(text), occurredAt: instant }, { requiredKeys: [] }),
    apiKey: key,
  }).map(({ request, apiKey }): GrpcCase => ({ service: 'CustodyService', rpc: 'Record', request, apiKey })),
  fc.record({ request: fc.record({ partId: str(fc.constant(PART)) }, { requiredKeys: [] }), rpc: fc.constantFrom('Get', 'History', 'Dossier'), apiKey: key }).map(({ request, rpc, apiKey }): GrpcCase => ({ service: 'CustodyService', rpc, request, apiKey })),
);

/** What a server may answer bad input with: a refusal the caller can act on, never INTERNAL, UNKNOWN or UNAVAILABLE. */
const REFUSALS = new Set([grpc.status.INVALID_ARGUMENT, grpc.status.NOT_FOUND, grpc.status.FAILED_PRECONDITION, grpc.status.ALREADY_EXISTS, grpc.status.PERMISSION_DENIED, grpc.status.UNAUTHENTICATED, grpc.status.OUT_OF_RANGE]);

async function checkGrpc(c: GrpcCase): Promise<string[]> {
  try {
    await unaryCall(c.service, c.rpc, c.request, c.apiKey);
    return [`rpc:${c.service}.${c.rpc}`, 'status:OK'];
  } catch (error) {
    const e = error as grpc.ServiceError;
    if (!REFUSALS.has(e.code)) throw new PropertyBroken(`${c.service}.${c.rpc}(${JSON.stringify(c.request).slice(0, 400)}) answered ${grpc.status[e.code]}: ${e.details}`);
    if (!e.details) throw new PropertyBroken(`${c.service}.${c.rpc} refused without a reason (${grpc.status[e.code]})`);
    return [`rpc:${c.service}.${c.rpc}`, `status:${grpc.status[e.code]}`];
  }
}

/** Raw bytes on the wire: valid encodings, then truncated, with a byte flipped or garbage appended, and random bytes. */
const RAW_CASES = fuzzCaseCount();
const RAW_METHODS = [
  ['WorkOrderService', 'Get', '/fleettwin.maintenance.v1.WorkOrderService/Get'],
  ['WorkOrderService', 'List', '/fleettwin.maintenance.v1.WorkOrderService/List'],
  ['WorkOrderService', 'Schedule', '/fleettwin.maintenance.v1.WorkOrderService/Schedule'],
  ['UsageService', 'GetUsage', '/fleettwin.maintenance.v1.UsageService/GetUsage'],
  ['CustodyService', 'Record', '/fleettwin.custody.v1.CustodyService/Record'],
] as const;

function serializerOf(service: 'WorkOrderService' | 'UsageService' | 'CustodyService', rpc: string): (value: object) => Buffer {
  const definition = (stub(service).constructor as unknown as { service: grpc.ServiceDefinition }).service;
  const method = definition[rpc];
  if (!method) throw new Error(`no ${service}.${rpc}`);
  return method.requestSerialize as (value: object) => Buffer;
}

const rawCases = fc.tuple(fc.constantFrom(...RAW_METHODS), fc.record({ tenant: fc.constant('acme'), id: hostileString(), partId: fc.constant(PART), command: fc.constant('inspect'), dataJson: fc.constant('{"findings":"ok","serviceable":true}'), scheduledFor: fc.constant('2026-06-01T00:00:00Z') }), fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('append' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
));

describe('fuzz: maintenance gRPC raw protobuf bytes (real service, real gRPC)', () => {
  it(`answers ${RAW_CASES} malformed protobuf requests with a refusal, never INTERNAL`, async () => {
    const raw = new grpc.Client(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
    const send = (path: string, bytes: Buffer) =>
      new Promise<grpc.ServiceError | null>((done) => {
        const metadata = new grpc.Metadata();
        metadata.set('x-api-key', ACME_KEY);
        raw.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, bytes, metadata, { deadline: Date.now() + 30_000 }, (error) => done(error));
      });
    try {
      const stats = await runFuzz({
        arbitrary: rawCases,
        cases: RAW_CASES,
        batch: 16,
        check: async ([[service, rpc, path], fields, change]) => {
          const valid = serializerOf(service, rpc)(fields);
          const bytes = change.kind === 'truncate' ? valid.subarray(0, change.at % Math.max(1, valid.length))
            : change.kind === 'flip' ? Buffer.from(valid.map((b, i) => (i === change.at % valid.length ? change.value : b)))
            : change.kind === 'append' ? Buffer.concat([valid, Buffer.from(change.bytes)])
            : Buffer.from(change.bytes);
          const error = await send(path, bytes);
          if (error && !REFUSALS.has(error.code)) throw new PropertyBroken(`${service}.${rpc} with bytes ${bytes.toString('hex').slice(0, 200)} answered ${grpc.status[error.code]}: ${error.details}`);
          return [`change:${change.kind}`, `status:${error ? grpc.status[error.code] : 'OK'}`];
        },
      });
      recordFaultResult({ scenario: 'fuzz-grpc-maintenance-raw-bytes', group: 'fuzz', passed: true, figures: fuzzFigures(stats, { path: 'real gRPC, raw bytes → maintenance' }) });
    } finally {
      raw.close();
    }
  }, 300_000);
});

describe('fuzz: maintenance gRPC (real service, real gRPC)', () => {
  it(`answers ${GRPC_CASES} generated work-order, usage and custody calls with OK or a precise refusal, never INTERNAL`, async () => {
    const stats = await runFuzz({ arbitrary: grpcCases, cases: GRPC_CASES, batch: 16, check: checkGrpc });
    expect(stats.cases).toBeGreaterThanOrEqual(GRPC_CASES);
    recordFaultResult({ scenario: 'fuzz-grpc-maintenance', group: 'fuzz', passed: true, figures: fuzzFigures(stats, { path: 'real gRPC → maintenance → Postgres' }) });
  }, 300_000);
});
