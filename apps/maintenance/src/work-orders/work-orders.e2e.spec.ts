import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { topicName } from '@fleettwin/contracts';
import { freePort, isolatedEnvironment, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';

interface WorkOrderMessage { id: string; assetId: string; status: string; version: string; evidence: unknown[]; priority: number; effect: string }
interface Change { cursor: string; eventType: string; workOrder: WorkOrderMessage }
type Client = grpc.Client & Record<string, (req: object, cb: (err: grpc.ServiceError | null, res: never) => void) => void> & { Watch(req: object): grpc.ClientReadableStream<Change> };

const PROTO = resolve(WORKSPACE_ROOT, 'libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto');
let env: TestEnvironment;
let maintenance: RunningService;
let producer: Producer;
let client: Client;
let grpcPort: number;

beforeAll(async () => {
  env = await isolatedEnvironment('maint');
  grpcPort = await freePort();
  maintenance = await startService('maintenance', { ...env.env, GRPC_PORT: String(grpcPort) });
  producer = new Kafka({ clientId: 'test-predictor', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO, { keepCase: false, longs: String, enums: String, defaults: true })) as unknown as {
    fleettwin: { maintenance: { v1: { WorkOrderService: new (address: string, credentials: grpc.ChannelCredentials) => Client } } };
  };
  client = new loaded.fleettwin.maintenance.v1.WorkOrderService(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await producer?.disconnect();
  await maintenance?.stop();
});

function call<T>(method: string, request: object): Promise<T> {
  return new Promise((resolvePromise, reject) => client[method]?.(request, (error, response) => (error ? reject(error) : resolvePromise(response as T))));
}

async function predict(assetId: string, version: number, failureProbability: number, rulLower: number): Promise<void> {
  const occurredAt = new Date(Date.UTC(2026, 9, 1) + version * 3600_000).toISOString();
  const data = {
    assetId, tenant: 'acme', cycle: 100 + version, occurredAt, modelVersion: 'rul-gbt-test', healthIndex: 0.3,
    rul: { mean: rulLower + 15, lower: rulLower, upper: rulLower + 30, coverage: 0.8 }, failureProbability, horizon: 30,
    explanation: { rul: [{ sensor: 's11' }, { sensor: 's4' }] },
  };
  await producer.send({
    topic: topicName('predictions', env.namespace),
    messages: [{ key: `prediction-${assetId}`, value: JSON.stringify({ streamId: `prediction-${assetId}`, version, type: 'PredictionMade', data, occurredAt }) }],
  });
}

const list = (assetId: string) => call<{ workOrders: WorkOrderMessage[] }>('List', { tenant: 'acme', assetId }).then((r) => r.workOrders);

describe('maintenance work orders over gRPC', () => {
  it('opens exactly one work order when a prediction crosses the threshold, and adds later evidence to it', async () => {
    await predict('ESN-W1', 1, 0.05, 120); // healthy: nothing
    await predict('ESN-W1', 2, 0.7, 20); // crosses the threshold: opens one
    await predict('ESN-W1', 3, 0.9, 8); // same asset and mode: evidence on the same order
    await waitFor(async () => (await list('ESN-W1'))[0]?.evidence.length === 2, { timeoutMs: 20000, what: 'the work order with two pieces of evidence' });
    const orders = await list('ESN-W1');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ assetId: 'ESN-W1', status: 'open' });
  });

  it('runs the full lifecycle through gRPC calls, idempotently, and refuses illegal transitions', async () => {
    const [order] = await list('ESN-W1');
    const id = order?.id as string;
    await call('Acknowledge', { tenant: 'acme', id, idempotencyKey: 'k-ack', actor: 'planner' });
    await call('Schedule', { tenant: 'acme', id, idempotencyKey: 'k-sched', scheduledFor: '2026-10-05T08:00:00Z', site: 'MRO-HAM' });
    await call('Start', { tenant: 'acme', id, idempotencyKey: 'k-start', actor: 'tech-7' });
    const completion = { findings: 'HPC blade tip erosion', confirmedFailureMode: 'HPC-DEG', technician: 'tech-7', organisation: 'MRO Hamburg', partsRemoved: [{ serial: 'BLD-1' }], partsInstalled: [{ serial: 'BLD-2' }] };
    const done = await call<WorkOrderMessage>('Complete', { tenant: 'acme', id, idempotencyKey: 'k-done', completion });
    expect(done.status).toBe('completed');
    const again = await call<WorkOrderMessage>('Complete', { tenant: 'acme', id, idempotencyKey: 'k-done', completion });
    expect(again.version).toBe(done.version); // the repeat had no second effect
    await expect(call('Complete', { tenant: 'acme', id, idempotencyKey: 'k-other', completion })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    await expect(call('Acknowledge', { tenant: 'acme', id, idempotencyKey: 'k-late' })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    await expect(call('Get', { tenant: 'other', id })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(call('Acknowledge', { tenant: 'acme', id, idempotencyKey: '' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  });

  it('judges the work by the health that follows: a recovered asset verifies the completed order', async () => {
    // ESN-W1's order was completed above with its last evidence at cycle 103; the asset now runs healthy.
    await predict('ESN-W1', 20, 0.02, 110);
    await waitFor(async () => (await list('ESN-W1'))[0]?.effect === 'verified', { timeoutMs: 15000, what: 'the effect check' });
    await predict('ESN-W3', 1, 0.9, 5);
    await waitFor(async () => (await list('ESN-W3')).length === 1, { what: 'third work order' });
    const id = (await list('ESN-W3'))[0]?.id as string;
    for (const [method, extra] of [['Acknowledge', {}], ['Schedule', { scheduledFor: '2026-10-06T08:00:00Z' }], ['Start', {}]] as const) await call(method, { tenant: 'acme', id, idempotencyKey: `w3-${method}`, ...extra });
    await call('Complete', { tenant: 'acme', id, idempotencyKey: 'w3-done', completion: { findings: 'nothing found', technician: 't', organisation: 'o' } });
    await predict('ESN-W3', 30, 0.92, 4); // still failing after the work
    await waitFor(async () => (await list('ESN-W3')).find((o) => o.id === id)?.effect === 'ineffective', { timeoutMs: 15000, what: 'an ineffective verdict' });
    // the risk remains, so the policy raises a fresh order for it
    expect((await list('ESN-W3')).filter((o) => o.status === 'open')).toHaveLength(1);
  });

  it('lets a Watch that disconnects resume from its cursor and see every change exactly once', async () => {
    await predict('ESN-W2', 1, 0.8, 10);
    await waitFor(async () => (await list('ESN-W2')).length === 1, { what: 'second work order' });
    const seen: Change[] = [];
    const first = client.Watch({ tenant: 'acme', cursor: '' });
    first.on('data', (c: Change) => seen.push(c));
    first.on('error', () => undefined);
    await waitFor(() => seen.length >= 4, { what: 'the first changes' });
    first.cancel();
    const cursor = seen[seen.length - 1]?.cursor as string;

    const id = (await list('ESN-W2'))[0]?.id as string;
    await call('Acknowledge', { tenant: 'acme', id, idempotencyKey: 'w2-ack' });
    await call('Cancel', { tenant: 'acme', id, idempotencyKey: 'w2-cancel', reason: 'engine removed for overhaul' });

    const resumed: Change[] = [];
    const second = client.Watch({ tenant: 'acme', cursor });
    second.on('data', (c: Change) => resumed.push(c));
    second.on('error', () => undefined);
    await waitFor(() => resumed.some((c) => c.eventType === 'WorkOrderCancelled'), { what: 'the cancellation after resuming' });
    second.cancel();

    const all = [...seen, ...resumed];
    const cursors = all.map((c) => Number(c.cursor));
    expect(new Set(cursors).size).toBe(cursors.length); // nothing twice
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b)); // in order
    const types = all.filter((c) => c.workOrder.assetId === 'ESN-W1').map((c) => c.eventType);
    expect(types).toEqual(['WorkOrderOpened', 'EvidenceAdded', 'WorkOrderAcknowledged', 'WorkOrderScheduled', 'WorkStarted', 'WorkOrderCompleted', 'EffectVerified']);
    expect(all.filter((c) => c.workOrder.assetId === 'ESN-W2').map((c) => c.eventType)).toEqual(['WorkOrderOpened', 'WorkOrderAcknowledged', 'WorkOrderCancelled']);
    expect(all.filter((c) => c.workOrder.assetId === 'ESN-W1').map((c) => c.eventType)).toContain('EffectVerified');
  });

  it('answers the standard gRPC health check and publishes changes on fleet.maintenance.v1', async () => {
    const health = new (grpc.makeGenericClientConstructor({
      Check: {
        path: '/grpc.health.v1.Health/Check', requestStream: false, responseStream: false,
        requestSerialize: () => Buffer.alloc(0), requestDeserialize: () => ({}),
        responseSerialize: () => Buffer.alloc(0), responseDeserialize: (b: Buffer) => b,
      },
    }, 'Health'))(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure()) as unknown as grpc.Client & { Check(req: object, cb: (e: grpc.ServiceError | null, r: Buffer) => void): void };
    const response = await new Promise<Buffer>((res, rej) => health.Check({}, (e, r) => (e ? rej(e) : res(r))));
    expect([...response]).toEqual([0x08, 0x01]); // HealthCheckResponse{status: SERVING}
    health.close();

    const admin = new Kafka({ clientId: 'test', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await waitFor(async () => (await admin.fetchTopicOffsets(topicName('maintenance', env.namespace))).reduce((n, p) => n + Number(p.high), 0) >= 15, { timeoutMs: 15000, what: 'work-order events on Kafka' });
    } finally {
      await admin.disconnect();
    }
  });

  it('refuses input PostgreSQL cannot hold with INVALID_ARGUMENT or 400 naming the field (each was an INTERNAL/500, found by fuzzing)', async () => {
    await expect(call('List', { tenant: 'acme', updatedSince: 'a../A' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/updatedSince/) });
    await expect(call('Get', { tenant: 'acme', id: 'wo-\u0000' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/^id: .*U\+0000/) });
    const undecodable = await new Promise<grpc.ServiceError | null>((done) =>
      client.makeUnaryRequest('/fleettwin.maintenance.v1.WorkOrderService/Get', (b: Buffer) => b, (b: Buffer) => b, Buffer.from([0xff, 0xff, 0xff]), new grpc.Metadata(), (error) => done(error)),
    );
    expect(undecodable).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringMatching(/not a valid Get message/) });
    const catalog = await fetch(`${maintenance.url}/v1/failure-modes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'FZ-1', component: 1 }) });
    expect(catalog.status).toBe(400);
    expect((await catalog.json()) as { error: { details: { path: string }[] } }).toMatchObject({ error: { details: expect.arrayContaining([expect.objectContaining({ path: 'component' })]) } });
  });
});
