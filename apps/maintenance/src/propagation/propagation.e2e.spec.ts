import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client as PgClient } from 'pg';
import { topicName } from '@fleettwin/contracts';
import { failureSignature, INFORMATIVE_SENSORS, sensorIndex, type FailureSignature } from '@fleettwin/predict';
import { buildFleet, CMAPSS_SENSOR_NAMES, FleetSimulation, type EngineRecord } from '@fleettwin/simulator';
import { freePort, isolatedEnvironment, jsonBody, serviceDatabaseUrl, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';

interface WorkOrderMessage { id: string; assetId: string; tenant: string; kind: string; failureMode: string; status: string; reason: string }
type Client = grpc.Client & Record<string, (req: object, cb: (err: grpc.ServiceError | null, res: never) => void) => void>;

const START = Date.parse('2025-01-01T00:00:00Z');
const SEED = 20260301;
const ENGINES = 500;
const WINDOW = 12;
const RECENT_CYCLE = 200;

let env: TestEnvironment;
let maintenance: RunningService;
let producer: Producer;
let client: Client;
let engines: EngineRecord[];
let affected: string[];
let signatures: FailureSignature[];

/** The signature the predictor would report, the cheap way: recent mean minus early mean of the informative channels, in standard errors. */
function recentSignature(sim: FleetSimulation, index: number): FailureSignature {
  const window = (from: number) => Array.from({ length: WINDOW }, (_, k) => sim.frame(index, from + k, START + (from + k) * 1000).readings);
  const baseline = window(0);
  const recent = window(RECENT_CYCLE);
  const channels = INFORMATIVE_SENSORS.map((s) => CMAPSS_SENSOR_NAMES[sensorIndex(s)] as string);
  const mean = (frames: typeof baseline, ch: string) => frames.reduce((sum, f) => sum + (f[ch] ?? 0), 0) / frames.length;
  const std = (frames: typeof baseline, ch: string) => Math.sqrt(frames.reduce((sum, f) => sum + ((f[ch] ?? 0) - mean(frames, ch)) ** 2, 0) / (frames.length - 1));
  return failureSignature(
    channels.map((ch) => mean(recent, ch) - mean(baseline, ch)),
    channels.map((ch) => Math.max(1e-6, std(baseline, ch) * Math.sqrt(2 / WINDOW))),
  );
}

function call<T>(method: string, request: object): Promise<T> {
  return new Promise((res, rej) => client[method]?.(request, (error, response) => (error ? rej(error) : res(response as T))));
}

async function count(sql: string): Promise<number> {
  const db = new PgClient({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'maintenance') });
  await db.connect();
  try {
    return Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  } finally {
    await db.end();
  }
}

function prediction(engine: EngineRecord, signature: FailureSignature, failureProbability: number, version: number) {
  const occurredAt = new Date(START + (RECENT_CYCLE + version) * 1000).toISOString();
  const data = {
    assetId: engine.assetId, tenant: engine.tenant, cycle: RECENT_CYCLE + version, occurredAt, modelVersion: 'rul-gbt-test', healthIndex: 0.5, horizon: 30,
    rul: failureProbability > 0.5 ? { mean: 20, lower: 8, upper: 35, coverage: 0.8 } : { mean: 120, lower: 95, upper: 140, coverage: 0.8 },
    failureProbability, signature, explanation: { rul: [{ sensor: 's11' }] },
  };
  return { key: `prediction-${engine.assetId}`, value: JSON.stringify({ streamId: `prediction-${engine.assetId}`, version, type: 'PredictionMade', data, occurredAt }) };
}

beforeAll(async () => {
  // A simulated fleet with ground truth: HPC-DEG injected into the largest build batch + climate cohort.
  const registry = buildFleet({ engines: ENGINES, tenants: 3, seed: SEED, startMs: START });
  engines = registry.engines;
  const cohorts = new Map<string, number>();
  for (const e of engines) cohorts.set(`${e.buildBatch}|${e.environment.climate}`, (cohorts.get(`${e.buildBatch}|${e.environment.climate}`) ?? 0) + 1);
  const [batch, climate] = ([...cohorts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? '').split('|') as [string, string];
  const sim = new FleetSimulation(registry, {
    seed: SEED, startMs: START, cyclesPerSecond: 1, badBatches: [],
    injections: [{ code: 'HPC-DEG', selector: { batch, env: climate }, onsetAfter: { min: 20, max: 40 }, lifeCycles: { min: 150, max: 250 } }],
  });
  affected = sim.groundTruth().injections[0]?.assetIds ?? [];
  signatures = engines.map((_, i) => recentSignature(sim, i));

  env = await isolatedEnvironment('propagate');
  const grpcPort = await freePort();
  maintenance = await startService('maintenance', { ...env.env, GRPC_PORT: String(grpcPort) });
  producer = new Kafka({ clientId: 'test-upstream', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(resolve(WORKSPACE_ROOT, 'libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto'), { keepCase: false, longs: String, enums: String, defaults: true })) as unknown as {
    fleettwin: { maintenance: { v1: { WorkOrderService: new (address: string, credentials: grpc.ChannelCredentials) => Client } } };
  };
  client = new loaded.fleettwin.maintenance.v1.WorkOrderService(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());

  // What twin-state and the predictor publish: the registry of every engine, then each engine's latest signature.
  await producer.send({
    topic: topicName('twinEvents', env.namespace),
    messages: engines.map((e) => ({
      key: `asset-${e.assetId}`,
      value: JSON.stringify({
        streamId: `asset-${e.assetId}`, version: 1, type: 'AssetRegistered', occurredAt: new Date(START).toISOString(),
        data: { tenant: e.tenant, assetId: e.assetId, kind: 'engine', parentId: null, model: e.model, variant: e.variant, serial: e.assetId, buildBatch: e.buildBatch, tolerances: e.tolerances, environment: e.environment, inServiceDate: e.inServiceDate, dtmi: null, at: new Date(START).toISOString(), by: 'registry' },
      }),
    })),
  });
  await producer.send({ topic: topicName('predictions', env.namespace), messages: engines.map((e, i) => prediction(e, signatures[i] as FailureSignature, 0.05, 1)) });
  await waitFor(async () => (await count('SELECT count(*) AS n FROM fleet_assets')) === ENGINES && (await count('SELECT count(*) AS n FROM asset_signatures')) === ENGINES, {
    timeoutMs: 60000,
    intervalMs: 500,
    what: 'maintenance to learn the fleet',
  });
});

afterAll(async () => {
  client?.close();
  await producer?.disconnect();
  await maintenance?.stop();
});

describe('failure-mode propagation over a simulated fleet of 500 engines', () => {
  it('confirming HPC-DEG on one engine opens inspections for the engines sharing its fault (precision and recall >= 0.9, within 2 s)', async () => {
    const sourceId = affected[0] as string;
    const sourceIndex = engines.findIndex((e) => e.assetId === sourceId);
    const source = engines[sourceIndex] as EngineRecord;
    await producer.send({ topic: topicName('predictions', env.namespace), messages: [prediction(source, signatures[sourceIndex] as FailureSignature, 0.9, 2)] });
    let order: WorkOrderMessage | undefined;
    await waitFor(async () => {
      order = (await call<{ workOrders: WorkOrderMessage[] }>('List', { tenant: source.tenant, assetId: sourceId })).workOrders[0];
      return Boolean(order);
    }, { what: 'the work order raised by the prediction' });
    expect(order?.failureMode).toBe('HPC-DEG'); // the signature was classified against the catalog
    const id = order?.id as string;
    for (const [method, extra] of [['Acknowledge', {}], ['Schedule', { scheduledFor: '2025-01-05T08:00:00Z' }], ['Start', { actor: 'tech-17' }]] as const) {
      await call(method, { tenant: source.tenant, id, idempotencyKey: `${method}-1`, ...extra });
    }

    const started = Date.now();
    await call('Complete', {
      tenant: source.tenant, id, idempotencyKey: 'complete-1',
      completion: { findings: 'HPC stage 3 blade erosion', confirmedFailureMode: 'HPC-DEG', technician: 'tech-17', organisation: 'MRO Hamburg' },
    });
    const inspections = (await call<{ workOrders: WorkOrderMessage[] }>('List', { tenant: source.tenant, pageSize: 1000 })).workOrders.filter((o) => o.reason.startsWith('propagated from'));
    const elapsed = Date.now() - started;

    const advisoryAssets: string[] = [];
    let advisoriesText = '';
    for (const tenant of new Set(engines.map((e) => e.tenant))) {
      if (tenant === source.tenant) continue;
      const body = await jsonBody<{ advisories: { assets: { assetId: string }[] }[] }>(await fetch(`${maintenance.url}/v1/advisories?tenant=${tenant}`));
      advisoriesText += JSON.stringify(body);
      advisoryAssets.push(...body.advisories.flatMap((a) => a.assets.map((x) => x.assetId)));
    }
    const predicted = new Set([...inspections.map((o) => o.assetId), ...advisoryAssets]);
    const truth = new Set(affected.filter((a) => a !== sourceId));
    const hits = [...predicted].filter((a) => truth.has(a)).length;
    const precision = hits / predicted.size;
    const recall = hits / truth.size;
    console.log(JSON.stringify({ truth: truth.size, inspections: inspections.length, advisories: advisoryAssets.length, precision, recall, elapsedMs: elapsed }));

    expect(truth.size).toBeGreaterThanOrEqual(10);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(elapsed).toBeLessThan(2000);
    expect(inspections.length).toBeGreaterThan(0);
    expect(inspections.every((o) => o.kind === 'inspection' && o.failureMode === 'HPC-DEG' && o.reason.startsWith(`propagated from ${sourceId}`))).toBe(true);
    expect(advisoriesText).not.toContain(sourceId); // another tenant learns nothing of the source asset
    expect(await count("SELECT count(*) AS n FROM events WHERE type = 'PropagationDecided'")).toBe(1);
  });
});
