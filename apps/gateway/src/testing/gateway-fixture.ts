import { Kafka, logLevel, type Producer } from 'kafkajs';
import { topicName, type GatewayRole, type TwinView } from '@fleettwin/contracts';
import { freePort, isolatedEnvironment, jsonBody, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';
import { mintDevToken } from '../auth/dev-token';

export const AUTH = { AUTH_DEV_SECRET: 'gateway-e2e-secret-0123456789abcdef', AUTH_ISSUER: 'https://auth.test/', AUTH_AUDIENCE: 'fleettwin-gateway' };

/** Every service a gateway stands in front of, in one isolated namespace. */
export interface Fleet {
  env: TestEnvironment;
  ingest: RunningService;
  twinState: RunningService;
  predictor: RunningService;
  maintenance: RunningService;
  gatewayEnv: Record<string, string>;
  producer: Producer;
  stop(): Promise<void>;
}

export async function startFleet(label: string): Promise<Fleet> {
  const env = await isolatedEnvironment(label);
  const grpcPort = await freePort();
  const [ingest, twinState, predictor, maintenance] = await Promise.all([
    startService('ingest', env.env),
    startService('twin-state', env.env),
    startService('predictor', env.env),
    startService('maintenance', { ...env.env, GRPC_PORT: String(grpcPort) }),
  ]);
  const producer = new Kafka({ clientId: 'gateway-e2e', brokers: env.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const gatewayEnv = {
    ...env.env,
    ...AUTH,
    TWIN_STATE_URL: twinState.url,
    PREDICTOR_URL: predictor.url,
    MAINTENANCE_URL: maintenance.url,
    MAINTENANCE_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
  };
  return {
    env, ingest, twinState, predictor, maintenance, gatewayEnv, producer,
    stop: async () => {
      await producer.disconnect();
      await Promise.all([ingest.stop(), twinState.stop(), predictor.stop(), maintenance.stop()]);
    },
  };
}

export function token(tenant: string, roles: GatewayRole[], overrides: { secret?: string; audience?: string; issuer?: string; expiresIn?: string; sub?: string } = {}): Promise<string> {
  return mintDevToken({
    secret: overrides.secret ?? AUTH.AUTH_DEV_SECRET,
    issuer: overrides.issuer ?? AUTH.AUTH_ISSUER,
    audience: overrides.audience ?? AUTH.AUTH_AUDIENCE,
    tenant,
    roles,
    sub: overrides.sub,
    expiresIn: overrides.expiresIn,
  });
}

/** A token that claims no signature at all: it must never be accepted. */
export function unsignedToken(tenant: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'mallory', tenant, roles: ['admin'], iss: AUTH.AUTH_ISSUER, aud: AUTH.AUTH_AUDIENCE, iat: now, exp: now + 600 })}.`;
}

const seqs = new Map<string, number>();

/** Sends one frame to ingest and, unless told not to, waits until the twin has applied it. */
export async function sendFrame(fleet: Fleet, tenant: string, assetId: string, readings: Record<string, number>, wait = true): Promise<void> {
  const seq = (seqs.get(assetId) ?? 0) + 1;
  seqs.set(assetId, seq);
  const res = await fetch(`${fleet.ingest.url}/v1/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, assetId, ts: new Date(Date.UTC(2026, 8, 1) + seq * 1000).toISOString(), seq, readings }),
  });
  if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
  if (!wait) return;
  await waitFor(async () => {
    const twin = await fetch(`${fleet.twinState.url}/v1/twins/${assetId}`);
    return twin.status === 200 && (await jsonBody<TwinView>(twin)).lastSeq === seq;
  }, { timeoutMs: 30000, what: `${assetId} seq ${seq}` });
}

/** Registers a root fleet asset directly with twin-state (the gateway only reads the registry). */
export async function registerFleetAsset(fleet: Fleet, tenant: string, assetId: string): Promise<void> {
  const res = await fetch(`${fleet.twinState.url}/v1/assets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-actor': 'e2e' },
    body: JSON.stringify({ tenant, assetId, kind: 'fleet', model: 'F', variant: 'V', serial: assetId, buildBatch: 'B1', environment: { climate: 'temperate', route: 'short-haul', tags: [] }, inServiceDate: '2020-01-01' }),
  });
  if (res.status !== 201) throw new Error(`registering ${assetId}: ${res.status} ${await res.text()}`);
}

/** A prediction that crosses maintenance's threshold, so a work order opens for the asset. */
export async function publishRiskyPrediction(fleet: Fleet, tenant: string, assetId: string): Promise<void> {
  const occurredAt = new Date().toISOString();
  const data = {
    assetId, tenant, cycle: 200, occurredAt, modelVersion: 'rul-gbt-test', healthIndex: 0.2,
    rul: { mean: 25, lower: 10, upper: 40, coverage: 0.8 }, failureProbability: 0.9, horizon: 30,
    explanation: { rul: [{ sensor: 's11' }] },
  };
  await fleet.producer.send({
    topic: topicName('predictions', fleet.env.namespace),
    messages: [{ key: `prediction-${assetId}`, value: JSON.stringify({ streamId: `prediction-${assetId}`, version: 1, type: 'PredictionMade', data, occurredAt }) }],
  });
}

export async function startGateway(fleet: Fleet, extra: Record<string, string> = {}): Promise<RunningService> {
  return startService('gateway', { ...fleet.gatewayEnv, ...extra });
}
