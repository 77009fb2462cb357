import { request } from 'node:http';
import { Client } from 'pg';
import { freePort, isolatedEnvironment, serviceDatabaseUrl, waitFor, type ServiceName, type TestEnvironment } from '@fleettwin/testing';
import { buildBundles, startBundle, type BundleProcess } from './bundle-process';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { metricSum } from './prometheus-text';

/**
 * The deployment's done-when: each app runs from its built bundle as its own process (as a pod
 * would), readings sent to ingest show up in every service's /metrics, one trace follows a reading
 * ingest → twin-state → predictor → maintenance → its work-order event on Kafka with correct parent
 * links, and SIGTERM drains each
 * service to exit code 0 with a `drained` line.
 */
const APPS: ServiceName[] = ['ingest', 'twin-state', 'predictor', 'maintenance'];
/** The gateway runs from its bundle too, in front of the pipeline's bundles (started after them). */
const ALL_APPS: ServiceName[] = [...APPS, 'gateway'];
const DEV_SECRET = 'bundle-e2e-dev-secret-0123456789abcdef';
const GRPC_KEYS = 'airline-e2e:airline-e2e-key-0123456789';
const ASSETS = ['ESN-E2E-1', 'ESN-E2E-2', 'ESN-E2E-3'];
const CYCLES = 5;
const FRAMES = ASSETS.length * CYCLES;

/** FD001-like values for the 21 channels the predictor's model reads (so every frame is scored). */
const BASELINE: Record<string, number> = {
  T2: 518.67, T24: 642.5, T30: 1590.2, T50: 1408.9, P2: 14.62, P15: 21.61, P30: 553.4, Nf: 2388.05, Nc: 9050.1, epr: 1.3, Ps30: 47.45,
  phi: 521.7, NRf: 2388.05, NRc: 8140.2, BPR: 8.43, farB: 0.03, htBleed: 392, Nf_dmd: 2388, PCNfR_dmd: 100, W31: 38.85, W32: 23.31,
};

let env: TestEnvironment;
let receiver: OtlpReceiver;
const services = new Map<ServiceName, BundleProcess>();
let buildSeconds = 0;

beforeAll(async () => {
  buildSeconds = buildBundles(ALL_APPS);
  receiver = await startOtlpReceiver();
  env = await isolatedEnvironment('bundles');
  const common = { ...env.env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, FLEETTWIN_ENV: 'test' };
  const grpcPort = String(await freePort());
  const started = await Promise.all(
    // Maintenance opens a work order on every prediction (threshold 0), so the trace goes on to fleet.maintenance.v1.
    APPS.map((app) => startBundle(app, { ...common, OTEL_SERVICE_NAME: app, ...(app === 'maintenance' ? { GRPC_PORT: grpcPort, GRPC_API_KEYS: GRPC_KEYS, FAILURE_PROBABILITY_THRESHOLD: '0' } : {}) })),
  );
  for (const service of started) services.set(service.app, service);
  const url = (app: ServiceName) => started.find((s) => s.app === app)?.url ?? '';
  const gateway = await startBundle('gateway', {
    ...common,
    OTEL_SERVICE_NAME: 'gateway',
    AUTH_DEV_SECRET: DEV_SECRET,
    TWIN_STATE_URL: url('twin-state'),
    PREDICTOR_URL: url('predictor'),
    MAINTENANCE_URL: url('maintenance'),
    MAINTENANCE_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
    MAINTENANCE_GRPC_API_KEYS: GRPC_KEYS,
  });
  services.set('gateway', gateway);
}, 240000);

afterAll(async () => {
  for (const service of services.values()) service.kill();
  await receiver?.close();
});

function service(app: ServiceName): BundleProcess {
  const found = services.get(app);
  if (!found) throw new Error(`${app} is not running`);
  return found;
}

async function metrics(app: ServiceName): Promise<string> {
  const res = await fetch(`${service(app).url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** `cycles` frames per asset from cycle `first` on (seq = cycle + 1). */
function frames(first = 0, cycles = CYCLES) {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return ASSETS.flatMap((assetId, a) =>
    Array.from({ length: cycles }, (_, i) => first + i).map((c) => ({
      tenant: 'airline-e2e',
      assetId,
      ts: new Date(start + c * 60000).toISOString(),
      seq: c + 1,
      readings: Object.fromEntries(Object.entries(BASELINE).map(([name, value]) => [name, Number((value * (1 + 0.0005 * c + 0.0001 * a)).toFixed(4))])),
    })),
  );
}

it('builds every app and starts each bundle as its own process', () => {
  expect([...services.keys()].sort()).toEqual([...ALL_APPS].sort());
  // Recorded in the suite's output for docs/benchmarks-style figures.
  console.info(`nx build of ${ALL_APPS.length} apps: ${buildSeconds.toFixed(1)} s`);
});

it('shows the readings in every service’s /metrics', async () => {
  const res = await fetch(`${service('ingest').url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames: frames() }) });
  expect(res.status).toBe(202);
  expect(await res.json()).toEqual({ accepted: FRAMES, duplicates: 0 });

  expect(metricSum(await metrics('ingest'), 'fleettwin_ingest_frames_total', { source: 'http', outcome: 'accepted' })).toBe(FRAMES);
  await waitFor(async () => metricSum(await metrics('predictor'), 'fleettwin_predictions_total') >= FRAMES, { timeoutMs: 60000, intervalMs: 500, what: `${FRAMES} predictions` });

  const twinState = await metrics('twin-state');
  expect(metricSum(twinState, 'fleettwin_processing_seconds_count', { service: env.env.TWIN_STATE_GROUP ?? '' })).toBeGreaterThanOrEqual(1);
  expect(metricSum(twinState, 'fleettwin_outbox_published_total', { relay: 'twin-events' })).toBeGreaterThanOrEqual(FRAMES);
  expect(metricSum(twinState, 'fleettwin_event_store_append_seconds_count')).toBeGreaterThanOrEqual(1);
  const predictor = await metrics('predictor');
  expect(metricSum(predictor, 'fleettwin_predictions_total')).toBe(FRAMES);
  expect(metricSum(predictor, 'fleettwin_processing_seconds_count', { service: env.env.PREDICTOR_GROUP ?? '' })).toBeGreaterThanOrEqual(1);
  await waitFor(async () => metricSum(await metrics('predictor'), 'fleettwin_outbox_published_total', { relay: 'predictions' }) >= FRAMES, { timeoutMs: 30000, what: 'predictions relayed' });
  await waitFor(async () => metricSum(await metrics('maintenance'), 'fleettwin_processing_seconds_count', { service: env.env.MAINTENANCE_GROUP ?? '' }) >= 1, {
    timeoutMs: 30000,
    intervalMs: 500,
    what: 'maintenance to process predictions',
  });
  await waitFor(async () => metricSum(await metrics('maintenance'), 'fleettwin_work_orders_total') >= ASSETS.length, { timeoutMs: 30000, intervalMs: 500, what: 'a work order per asset' });
});

it('serves the pipeline’s twins through the gateway bundle, with a token from its dev login, and exposes /metrics', async () => {
  const gateway = service('gateway').url;
  const login = await fetch(`${gateway}/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'airline-e2e', roles: ['viewer'] }) });
  expect(login.status).toBe(201);
  const { token } = (await login.json()) as { token: string };
  for (const assetId of ASSETS) {
    const twin = await fetch(`${gateway}/v1/twins/${assetId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(twin.status).toBe(200);
    expect(await twin.json()).toMatchObject({ assetId, tenant: 'airline-e2e' });
  }
  expect((await fetch(`${gateway}/v1/twins/${ASSETS[0]}`)).status).toBe(401);
  const res = await fetch(`${gateway}/metrics`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('process_cpu_seconds_total');
});

it('follows one reading in one trace: ingest → twin-state → predictor → maintenance → work order, each span the child of the one before', async () => {
  const chainOf = (spans: ReceivedSpan[]) => {
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const parentOf = (span: ReceivedSpan | undefined) => (span?.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const leaf = spans.find((s) => s.service === 'maintenance' && s.name.endsWith('fleet.maintenance.v1 publish'));
    const chain: ReceivedSpan[] = [];
    for (let span = leaf; span; span = parentOf(span)) chain.unshift(span);
    return chain;
  };
  let chain: ReceivedSpan[] = [];
  await waitFor(
    () => {
      const traceIds = new Set(receiver.spans.filter((s) => s.service === 'maintenance').map((s) => s.traceId));
      for (const traceId of traceIds) {
        chain = chainOf(receiver.spans.filter((s) => s.traceId === traceId));
        if (chain[0]?.service === 'ingest' && !chain[0].parentSpanId) return true;
      }
      return false;
    },
    { timeoutMs: 30000, intervalMs: 500, what: 'a complete trace from ingest to a work-order event at the OTLP receiver' },
  );
  const ns = env.namespace;
  expect(chain.map((s) => [s.service, s.name])).toEqual([
    ['ingest', 'POST /v1/telemetry'],
    ['ingest', `${ns}fleet.telemetry.v1 publish`],
    ['twin-state', `${ns}fleet.telemetry.v1 process`],
    ['twin-state', `${ns}fleet.twin-events.v1 publish`],
    ['predictor', `${ns}fleet.twin-events.v1 process`],
    ['predictor', `${ns}fleet.predictions.v1 publish`],
    ['maintenance', `${ns}fleet.predictions.v1 process`],
    ['maintenance', `${ns}fleet.maintenance.v1 publish`],
  ]);
  expect(new Set(chain.map((s) => s.traceId)).size).toBe(1);
  // SpanKind: SERVER 2, PRODUCER 4, CONSUMER 5; messaging attributes per the semantic conventions.
  expect(chain.map((s) => s.kind)).toEqual([2, 4, 5, 4, 5, 4, 5, 4]);
  expect(chain[2]?.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': `${ns}fleet.telemetry.v1`, 'messaging.consumer.group.name': env.env.TWIN_STATE_GROUP });
  // The whole HTTP batch is one trace: every frame's processing in twin-state hangs under it.
  const sameTrace = receiver.spans.filter((s) => s.traceId === chain[0]?.traceId);
  const processed = sameTrace.filter((s) => s.service === 'twin-state' && s.name.endsWith('fleet.telemetry.v1 process'));
  // Distinct records, so a redelivery after a rebalance cannot make the count pass or fail by itself.
  expect(new Set(processed.map((s) => `${String(s.attributes['messaging.destination.partition.id'])}@${String(s.attributes['messaging.kafka.offset'])}`)).size).toBe(FRAMES);
});

/** Events committed to a service's store that its outbox relay has not yet published. */
async function unpublished(app: ServiceName, relay: string): Promise<number> {
  const client = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, app) });
  await client.connect();
  try {
    const { rows } = await client.query<{ behind: string }>(
      `SELECT count(*) AS behind FROM events WHERE position > (SELECT position FROM outbox_cursors WHERE name = $1)`,
      [relay],
    );
    return Number(rows[0]?.behind);
  } finally {
    await client.end();
  }
}

it('drains each service on SIGTERM: exit code 0, one `drained` line, nothing committed left in an outbox', async () => {
  // A second wave still on its way through the pipeline while the services are told to stop, upstream first.
  const res = await fetch(`${service('ingest').url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames: frames(CYCLES, 40) }) });
  expect(res.status).toBe(202);
  // ingest: a request whose body is still arriving when SIGTERM comes is answered; a new connection is not accepted.
  const slow = slowTelemetryPost(service('ingest').url, JSON.stringify({ frames: frames(CYCLES + 40, 1) }));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const ingestExit = service('ingest').terminate();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await expect(fetch(`${service('ingest').url}/health`)).rejects.toThrow();
  expect(await slow.finish()).toEqual({ status: 202, body: { accepted: ASSETS.length, duplicates: 0 } });
  await ingestExit;
  for (const app of ALL_APPS) {
    const running = service(app);
    const exit = await running.terminate();
    expect({ app, ...exit }).toEqual({ app, code: 0, signal: null });
    const drained = running.lines.filter((line) => line.msg === 'drained');
    expect(drained).toHaveLength(1);
    expect(drained[0]).toMatchObject({ service: app, consumerBatches: expect.any(Number), outboxPublished: expect.any(Number), httpConnections: expect.any(Number) });
  }
  expect(service('ingest').lines.find((line) => line.msg === 'drained')?.httpConnections).toBeGreaterThanOrEqual(1);
  // Whatever twin-state and the predictor committed before they stopped left through their outbox.
  expect(await unpublished('twin-state', 'twin-events')).toBe(0);
  expect(await unpublished('predictor', 'predictions')).toBe(0);
}, 120000);

/** A POST whose first half of the body is sent now and the rest on `finish()`: a request in flight. */
function slowTelemetryPost(url: string, body: string): { finish(): Promise<{ status: number | undefined; body: unknown }> } {
  const target = new URL('/v1/telemetry', url);
  let answered: Promise<{ status: number | undefined; body: unknown }> = Promise.resolve({ status: undefined, body: undefined });
  const req = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' } });
  answered = new Promise((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return {
    finish: () => {
      req.end(body.slice(half));
      return answered;
    },
  };
}
