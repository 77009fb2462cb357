import fc from 'fast-check';
import { CommandRequest } from '@fleettwin/contracts';
import {
  bodyCases,
  fuzzCaseCount,
  fuzzHttpEdge,
  idSegment,
  jsonBody,
  queryString,
  RawHttpClient,
  waitFor,
  type HttpCase,
  type RunningService,
} from '@fleettwin/testing';
import { publishRiskyPrediction, registerFleetAsset, sendFrame, startFleet, startGateway, token, type Fleet } from './fixtures/gateway-fixture';
import { WORK_ORDER_ACTIONS } from './routes/route-table';
import { TRANSITION_BODIES } from './work-orders/transition-requests';

/**
 * The gateway's edge under 10,000 generated calls with a valid token: bodies of twin commands and
 * work-order transitions, query parameters of the list routes (cursors, filters, limits), and hostile
 * ids in paths — through the gateway to the real services behind it. Property: no 5xx (a 502 means a
 * service behind it failed on what the gateway let through); refusals precise.
 */
const CASES = fuzzCaseCount();
const TWIN = 'FZ-GW-E1';
const FLEET_ASSET = 'FZ-GW-FLEET';

let fleet: Fleet;
let gateway: RunningService;
let client: RawHttpClient;
let workOrderId = '';
let auth = '';

beforeAll(async () => {
  fleet = await startFleet('gwfuzz');
  await Promise.all([sendFrame(fleet, 'acme', TWIN, { egt: 640, n2: 95 }), registerFleetAsset(fleet, 'acme', FLEET_ASSET), publishRiskyPrediction(fleet, 'acme', TWIN)]);
  gateway = await startGateway(fleet, { RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'warn' });
  auth = await token('acme', ['admin'], { expiresIn: '1h' });
  await waitFor(async () => {
    const res = await fetch(`${gateway.url}/v1/work-orders?assetId=${TWIN}`, { headers: { authorization: `Bearer ${auth}` } });
    workOrderId = (await jsonBody<{ workOrders?: { id: string }[] }>(res)).workOrders?.[0]?.id ?? '';
    return Boolean(workOrderId);
  }, { timeoutMs: 30000, what: 'a work order' });
  client = new RawHttpClient(gateway.url, 16);
});

afterAll(async () => {
  client?.close();
  await gateway?.stop();
  await fleet?.stop();
});

const headers = () => ({ authorization: `Bearer ${auth}` });
const text = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$/);
const iso = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const transitionBodies: Record<(typeof WORK_ORDER_ACTIONS)[number], fc.Arbitrary<unknown>> = {
  acknowledge: fc.constant({}),
  start: fc.constant({}),
  schedule: fc.record({ scheduledFor: iso, site: text }, { requiredKeys: ['scheduledFor'] }),
  complete: fc.record({ completion: fc.record({ findings: text, confirmedFailureMode: fc.constantFrom('HPC-DEG', 'NO-FAULT-FOUND'), partsRemoved: fc.array(fc.record({ serial: text }), { maxLength: 2 }), organisation: text }, { requiredKeys: ['findings', 'confirmedFailureMode', 'organisation'] }) }),
  defer: fc.record({ reason: text, until: iso }, { requiredKeys: ['reason'] }),
  cancel: fc.record({ reason: text }),
};

function cases(): fc.Arbitrary<HttpCase> {
  const withAuth = (c: fc.Arbitrary<HttpCase>) => c.map((x) => ({ ...x, headers: { ...x.headers, ...headers() } }));
  const bodies = [
    bodyCases({ label: 'POST /v1/twins/:id/commands', method: 'POST', path: `/v1/twins/${TWIN}/commands`, valid: fc.record({ kind: fc.constantFrom('maintenance', 'parameters'), name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/), parameters: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/), fc.oneof(fc.integer(), fc.boolean()), { maxKeys: 2 }) }), schema: CommandRequest, accepted: [202] }),
    ...WORK_ORDER_ACTIONS.map((action) =>
      bodyCases({ label: `POST /v1/work-orders/:id/${action}`, method: 'POST', path: fc.constant('').map(() => `/v1/work-orders/${workOrderId}/${action}`), valid: transitionBodies[action], schema: TRANSITION_BODIES[action], accepted: [200, 409], nullAs: {} }),
    ),
  ];
  const lists: { label: string; path: () => string; params: Record<string, fc.Arbitrary<string>>; required?: string[] }[] = [
    { label: 'GET /v1/work-orders', path: () => '/v1/work-orders', params: { status: fc.constantFrom('open', 'acknowledged,scheduled', 'completed'), assetId: fc.constantFrom(TWIN, 'NONE'), updatedSince: iso, limit: fc.integer({ min: 1, max: 1000 }).map(String), cursor: fc.constant('') } },
    { label: 'GET /v1/assets', path: () => '/v1/assets', params: { kind: fc.constantFrom('fleet', 'engine') } },
    { label: 'GET /v1/fleet', path: () => '/v1/fleet', params: { limit: fc.integer({ min: 1, max: 100 }).map(String) } },
    { label: 'GET /v1/twins/:id/events', path: () => `/v1/twins/${TWIN}/events`, params: { after: fc.nat({ max: 10 }).map(String), limit: fc.integer({ min: 1, max: 1000 }).map(String) } },
    { label: 'GET /v1/twins/:id/history', path: () => `/v1/twins/${TWIN}/history`, params: { sensor: fc.constantFrom('egt', 'n2'), from: iso, to: iso, step: fc.constantFrom('1h', '1d') }, required: ['sensor', 'from', 'to', 'step'] },
    { label: 'GET /v1/twins/:id', path: () => `/v1/twins/${TWIN}`, params: { at: iso } },
    { label: 'GET /v1/assets/:id/prediction', path: () => `/v1/assets/${TWIN}/prediction`, params: { history: fc.integer({ min: 0, max: 50 }).map(String) } },
  ];
  // The gateway forwards some parameters verbatim; whichever service answers must name the bad one, hence "any" + field.
  const queries = lists.map(({ label, path, params, required }) => queryString(params, required).map((q): HttpCase => ({ label: `${label} query`, method: 'GET', path: `${path()}${q.query}`, expect: 'any', ...(q.field ? { field: q.field } : {}) })));
  const ids = fc
    .tuple(idSegment(fc.constantFrom(TWIN, FLEET_ASSET)), fc.constantFrom('/v1/twins/', '/v1/assets/', '/v1/work-orders/', '/v1/parts/'), fc.constantFrom('', '/events', '/children', '/health', '/prediction'))
    .map(([id, prefix, suffix]): HttpCase => ({ label: `GET ${prefix}:id hostile-id`, method: 'GET', path: `${prefix}${id}${suffix}`, expect: 'any' }));
  return withAuth(fc.oneof({ weight: 4, arbitrary: fc.oneof(...bodies) }, { weight: 4, arbitrary: fc.oneof(...queries) }, { weight: 2, arbitrary: ids }));
}

describe('fuzz: gateway bodies, query parameters and path ids (real gateway and services)', () => {
  it(`answers ${CASES} generated calls without a 5xx, refusing bad input precisely`, async () => {
    await fuzzHttpEdge({ scenario: 'fuzz-http-gateway', path: 'real HTTP → gateway → twin-state / predictor / maintenance (gRPC)', client, arbitrary: cases(), cases: CASES });
  }, 300_000);
});
