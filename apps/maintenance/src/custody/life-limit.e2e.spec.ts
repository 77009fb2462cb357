import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { topicName } from '@fleettwin/contracts';
import { Client as PgClient } from 'pg';
import { freePort, isolatedEnvironment, serviceDatabaseUrl, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';

type Client = grpc.Client & { List(req: object, cb: (err: grpc.ServiceError | null, res: { workOrders: { assetId: string; kind: string; failureMode: string; reason: string; priority: number }[] }) => void): void };

const AIRLINE = { id: 'airline-a', name: 'Airline A', approval: 'EASA.CAMO.0042' };
let env: TestEnvironment;
let maintenance: RunningService;
let client: Client;

beforeAll(async () => {
  env = await isolatedEnvironment('lifelimit');
  const grpcPort = await freePort();
  maintenance = await startService('maintenance', { ...env.env, GRPC_PORT: String(grpcPort) });
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(resolve(WORKSPACE_ROOT, 'libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto'), { keepCase: false, longs: String, defaults: true })) as unknown as {
    fleettwin: { maintenance: { v1: { WorkOrderService: new (address: string, credentials: grpc.ChannelCredentials) => Client } } };
  };
  client = new loaded.fleettwin.maintenance.v1.WorkOrderService(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
  // The host engine, as twin-state's registry publishes it: maintenance learns its tenant from here.
  const producer = new Kafka({ clientId: 'test-registry', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const at = '2026-01-01T00:00:00.000Z';
  await producer.send({
    topic: topicName('twinEvents', env.namespace),
    messages: [{ key: 'asset-ESN-LL1', value: JSON.stringify({ streamId: 'asset-ESN-LL1', version: 1, type: 'AssetRegistered', occurredAt: at, data: { tenant: 'airline-a', assetId: 'ESN-LL1', kind: 'engine', parentId: null, model: 'CFM56', variant: '7B', serial: 'LL1', buildBatch: 'B01', tolerances: {}, environment: { climate: 'temperate', route: 'short-haul', tags: [] }, inServiceDate: '2020-01-01', dtmi: null, at, by: 'registry' } }) }],
  });
  await producer.disconnect();
});

afterAll(async () => {
  client?.close();
  await maintenance?.stop();
});

function record(command: string, data: object): Promise<Response> {
  return fetch(`${maintenance.url}/v1/parts/LLP-1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-organisation': AIRLINE.id, 'x-organisation-name': AIRLINE.name, 'x-organisation-approval': AIRLINE.approval, 'x-actor': 'tech@airline-a' },
    body: JSON.stringify({ command, data }),
  });
}

async function knowsHost(): Promise<boolean> {
  const db = new PgClient({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'maintenance') });
  await db.connect();
  try {
    return (await db.query("SELECT 1 FROM fleet_assets WHERE asset_id = 'ESN-LL1'")).rowCount === 1;
  } finally {
    await db.end();
  }
}

const list = () => new Promise<{ assetId: string; kind: string; failureMode: string; reason: string; priority: number }[]>((res, rej) => client.List({ tenant: 'airline-a', assetId: 'ESN-LL1' }, (e, r) => (e ? rej(e) : res(r.workOrders))));

describe('a life-limited part nearing its limit', () => {
  it('raises one replacement work order on its host engine through the maintenance service', async () => {
    expect((await record('manufacture', { partNumber: 'HPT-DISK', serialNumber: 'D-1', batch: 'B-1', lifeLimits: { cycles: 1000 } })).status).toBe(201);
    expect((await record('certify', { certificate: { form: 'EASA_FORM_1', number: 'F1-1', issuer: 'OEM' } })).status).toBe(201);
    expect((await record('install', { assetId: 'ESN-LL1', position: 'HPT stage 1', assetCounters: { hours: 0, cycles: 0 } })).status).toBe(201);
    // the host's tenant comes from the registry event: wait until maintenance has consumed it
    await waitFor(async () => knowsHost(), { timeoutMs: 15000, what: 'maintenance to learn the host engine' });
    expect((await record('record-usage', { assetId: 'ESN-LL1', assetCounters: { hours: 2000, cycles: 920 } })).status).toBe(201);
    await waitFor(async () => (await list()).some((o) => o.failureMode === 'LIFE-LIMIT'), { timeoutMs: 10000, what: 'the life-limit work order' });
    expect((await record('record-usage', { assetId: 'ESN-LL1', assetCounters: { hours: 2100, cycles: 950 } })).status).toBe(201);
    const orders = (await list()).filter((o) => o.failureMode === 'LIFE-LIMIT');
    expect(orders).toHaveLength(1); // warned once per measure
    expect(orders[0]).toMatchObject({ kind: 'replacement', priority: 2 });
    expect(orders[0]?.reason).toMatch(/HPT-DISK s\/n D-1 at 92 % of its 1000 cycles limit/);
  });
});
