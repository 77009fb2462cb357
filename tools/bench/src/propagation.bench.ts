import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join } from 'node:path';
import { topicName } from '@fleettwin/contracts';
import { buildFleet, type EngineRecord } from '@fleettwin/simulator';
import type { BenchEnvironment, BenchRun } from './infra';
import { freePort } from '@fleettwin/testing';
import { startBenchService } from './services';
import { percentile } from './stats';

export type PropagationResult =
  | { measured: true; assets: number; confirmations: number; p50Ms: number; maxMs: number; inspectionsOpened: number; advisoryTenants: number }
  | { measured: false; reason: string };

type Client = grpc.Client & Record<string, (req: object, cb: (err: grpc.ServiceError | null, res: never) => void) => void>;

const SENSORS = ['s2', 's3', 's4', 's7', 's8', 's9', 's11', 's12', 's13', 's14', 's15', 's17', 's20', 's21'];
/** HPC degradation moves these up and the rest down (the catalog's HPC-DEG pattern). */
const HPC_UP = new Set(['s2', 's3', 's4', 's8', 's9', 's11', 's13', 's15', 's17']);

/**
 * Propagation latency over a fleet: maintenance learns N engines (registry events and latest
 * signatures, as twin-state and the predictor publish them), then a failure mode is confirmed on
 * one engine through gRPC `Complete`; propagation ranks the whole fleet and opens the inspections
 * in that call's transaction, so the call's latency is the figure.
 */
export async function propagationLatency(run: BenchRun, env: BenchEnvironment, assets: number, confirmations: number): Promise<PropagationResult> {
  const grpcPort = await freePort();
  const service = await startBenchService(run.workspace, run.logDir, 'maintenance', { ...env.env, GRPC_PORT: String(grpcPort), MAINTENANCE_GROUP: `bench-${run.id}-maintenance` }, 'maintenance-propagation', false);
  const producer = run.kafka.producer();
  await producer.connect();
  try {
    const fleet = buildFleet({ engines: assets, tenants: 3, seed: 7, startMs: Date.UTC(2025, 0, 1) }).engines;
    const cohort = `${fleet[0]?.buildBatch}|${fleet[0]?.environment.climate}`;
    const affected = (e: EngineRecord) => `${e.buildBatch}|${e.environment.climate}` === cohort;
    await sendInChunks(producer, topicName('twinEvents', env.namespace), fleet.map(registered));
    await sendInChunks(producer, topicName('predictions', env.namespace), fleet.map((e, i) => predicted(e, i, affected(e) ? 'hpc' : 'noise', 1, 0.05)));
    await waitForRows(env, assets);

    const client = grpcClient(run, grpcPort);
    const sources = fleet.filter(affected).slice(0, confirmations);
    const latencies: number[] = [];
    let inspections = 0;
    for (const [n, source] of sources.entries()) {
      await sendInChunks(producer, topicName('predictions', env.namespace), [predicted(source, n, 'hpc', 2, 0.95)]);
      const id = await waitForOrder(client, source);
      for (const [method, extra] of [['Acknowledge', {}], ['Schedule', { scheduledFor: '2025-02-01T08:00:00Z' }], ['Start', {}]] as const) {
        await call(client, method, { tenant: source.tenant, id, idempotencyKey: `${method}-${n}`, ...extra });
      }
      const started = performance.now();
      await call(client, 'Complete', { tenant: source.tenant, id, idempotencyKey: `done-${n}`, completion: { findings: 'bench', confirmedFailureMode: 'HPC-DEG', technician: 'bench', organisation: 'bench' } });
      latencies.push(performance.now() - started);
      const listed = await call<{ workOrders: { reason: string }[] }>(client, 'List', { tenant: source.tenant, pageSize: 1000 });
      inspections = listed.workOrders.filter((o) => o.reason.startsWith(`propagated from ${source.assetId}`)).length;
    }
    client.close();
    const advisoryTenants = new Set(fleet.map((e) => e.tenant)).size - 1;
    return { measured: true, assets, confirmations: latencies.length, p50Ms: percentile([...latencies].sort((a, b) => a - b), 50), maxMs: Math.max(...latencies), inspectionsOpened: inspections, advisoryTenants };
  } finally {
    await producer.disconnect();
    await service.stop();
  }
}

function registered(e: EngineRecord) {
  const at = new Date(Date.UTC(2025, 0, 1)).toISOString();
  return {
    key: `asset-${e.assetId}`,
    value: JSON.stringify({
      streamId: `asset-${e.assetId}`, version: 1, type: 'AssetRegistered', occurredAt: at,
      data: { tenant: e.tenant, assetId: e.assetId, kind: 'engine', parentId: null, model: e.model, variant: e.variant, serial: e.assetId, buildBatch: e.buildBatch, tolerances: e.tolerances, environment: e.environment, inServiceDate: e.inServiceDate, dtmi: null, at, by: 'bench' },
    }),
  };
}

/** A prediction whose signature points the HPC-DEG way (affected cohort) or nowhere in particular. */
function predicted(e: EngineRecord, i: number, shape: 'hpc' | 'noise', version: number, failureProbability: number) {
  const wobble = (k: number) => Math.sin(i * 7.1 + k * 3.3) * 0.4;
  const deviation = SENSORS.map((s, k) => (shape === 'hpc' ? (HPC_UP.has(s) ? 3 : -3) + wobble(k) : wobble(k) * 2));
  const occurredAt = new Date(Date.UTC(2025, 0, 2) + version * 3600_000).toISOString();
  const data = {
    assetId: e.assetId, tenant: e.tenant, cycle: 100 + version, occurredAt, modelVersion: 'bench', healthIndex: 0.5, horizon: 30, failureProbability,
    rul: failureProbability > 0.5 ? { mean: 15, lower: 5, upper: 30, coverage: 0.8 } : { mean: 120, lower: 95, upper: 140, coverage: 0.8 },
    signature: { sensors: SENSORS, deviation, magnitude: Math.hypot(...deviation) }, explanation: { rul: [{ sensor: 's11' }] },
  };
  return { key: `prediction-${e.assetId}`, value: JSON.stringify({ streamId: `prediction-${e.assetId}`, version, type: 'PredictionMade', data, occurredAt }) };
}

async function sendInChunks(producer: { send(r: { topic: string; messages: { key: string; value: string }[] }): Promise<unknown> }, topic: string, messages: { key: string; value: string }[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 1000) await producer.send({ topic, messages: messages.slice(i, i + 1000) });
}

async function waitForRows(env: BenchEnvironment, assets: number): Promise<void> {
  const { Client: PgClient } = await import('pg');
  const url = new URL(env.databaseUrl);
  const db = new PgClient({ connectionString: url.toString() });
  await db.connect();
  try {
    const deadline = Date.now() + 180000;
    for (;;) {
      const { rows } = await db.query<{ a: string; s: string }>('SELECT (SELECT count(*) FROM fleet_assets) AS a, (SELECT count(*) FROM asset_signatures) AS s');
      if (Number(rows[0]?.a) >= assets && Number(rows[0]?.s) >= assets) return;
      if (Date.now() > deadline) throw new Error(`maintenance learned ${rows[0]?.a}/${assets} assets and ${rows[0]?.s} signatures in 180 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await db.end();
  }
}

function grpcClient(run: BenchRun, port: number): Client {
  const proto = join(run.workspace, 'libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto');
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(proto, { keepCase: false, longs: String, enums: String, defaults: true })) as unknown as {
    fleettwin: { maintenance: { v1: { WorkOrderService: new (address: string, credentials: grpc.ChannelCredentials) => Client } } };
  };
  return new loaded.fleettwin.maintenance.v1.WorkOrderService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}

function call<T>(client: Client, method: string, request: object): Promise<T> {
  return new Promise((res, rej) => client[method]?.(request, (error, response) => (error ? rej(error) : res(response as T))));
}

async function waitForOrder(client: Client, source: EngineRecord): Promise<string> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const listed = await call<{ workOrders: { id: string }[] }>(client, 'List', { tenant: source.tenant, assetId: source.assetId });
    const id = listed.workOrders[0]?.id;
    if (id) return id;
    if (Date.now() > deadline) throw new Error(`no work order for ${source.assetId} in 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
