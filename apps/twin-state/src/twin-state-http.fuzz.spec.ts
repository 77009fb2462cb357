import fc from 'fast-check';
import {
  ASSET_KINDS,
  AssetId,
  CLIMATE_ZONES,
  CommandRequest,
  MoveAssetRequest,
  RegisterAssetRequest,
  RetireAssetRequest,
  ROUTE_PROFILES,
  UpdateAssetRequest,
} from '@fleettwin/contracts';
import {
  bodyCases,
  fuzzCaseCount,
  fuzzHttpEdge,
  idSegment,
  isolatedEnvironment,
  percentEncode,
  queryString,
  RawHttpClient,
  startService,
  waitFor,
  type HttpCase,
  type RunningService,
} from '@fleettwin/testing';

/**
 * twin-state's HTTP edge under 10,000 generated calls: registry commands (register, update, move,
 * retire), twin commands, and the query parameters of twins, events, history and asset lists,
 * with hostile ids in the path. Property: no 5xx; the contract's verdict, with the bad field named.
 */
const CASES = fuzzCaseCount();
const TWIN = 'FUZZ-TWIN-1';
const ROOT = 'FUZZ-ROOT';

let ingest: RunningService;
let twinState: RunningService;
let client: RawHttpClient;

beforeAll(async () => {
  const env = await isolatedEnvironment('fuzztwin');
  [ingest, twinState] = await Promise.all([startService('ingest', { ...env.env, LOG_LEVEL: 'warn' }), startService('twin-state', { ...env.env, LOG_LEVEL: 'warn' })]);
  client = new RawHttpClient(twinState.url, 16);
  // A twin and a root asset to aim at, so generated queries reach the database, not just the 404.
  const frame = { tenant: 'acme', assetId: TWIN, ts: '2026-03-01T10:00:00Z', seq: 1, readings: { egt: 640 } };
  expect((await fetch(`${ingest.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(frame) })).status).toBe(202);
  const root = { tenant: 'acme', assetId: ROOT, kind: 'fleet', model: 'F', variant: 'V', serial: 'S', buildBatch: 'B', environment: { climate: 'temperate', route: 'short-haul', tags: [] }, inServiceDate: '2020-01-01' };
  expect((await fetch(`${twinState.url}/v1/assets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(root) })).status).toBe(201);
  await waitFor(async () => (await fetch(`${twinState.url}/v1/twins/${TWIN}`)).status === 200, { timeoutMs: 30000, what: 'the seeded twin' });
});

afterAll(async () => {
  client?.close();
  await Promise.all([ingest?.stop(), twinState?.stop()]);
});

const plausibleId = fc.oneof(fc.constantFrom(TWIN, ROOT), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/));
const label = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,19}$/);
const calendarDate = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const details = {
  model: label,
  variant: label,
  serial: label,
  buildBatch: label,
  tolerances: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1, max: 1 }), { maxKeys: 4 }),
  environment: fc.record({ climate: fc.constantFrom(...CLIMATE_ZONES), route: fc.constantFrom(...ROUTE_PROFILES), tags: fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9:_.-]{0,10}$/), { maxLength: 3 }) }),
  inServiceDate: calendarDate,
};
const register = fc.record({ tenant: fc.constant('acme'), assetId: fc.stringMatching(/^FZ-[A-Za-z0-9_.-]{1,20}$/), kind: fc.constantFrom(...ASSET_KINDS), parentId: fc.constantFrom(null, ROOT), ...details });
const update = fc.record({ tenant: fc.constant('acme'), ...details }, { requiredKeys: ['tenant', 'model'] });
const segment = (id: fc.Arbitrary<string>) => id.map(percentEncode);
const assetPath = (suffix: string) => segment(plausibleId).map((id) => `/v1/assets/${id}${suffix}`);

const bodyRoutes = fc.oneof(
  bodyCases({ label: 'POST /v1/assets', method: 'POST', path: '/v1/assets', valid: register, schema: RegisterAssetRequest, accepted: [201, 409, 422] }),
  bodyCases({ label: 'PUT /v1/assets/:id', method: 'PUT', path: assetPath(''), valid: update, schema: UpdateAssetRequest, accepted: [200, 404, 409] }),
  bodyCases({ label: 'POST /v1/assets/:id/move', method: 'POST', path: assetPath('/move'), valid: fc.record({ tenant: fc.constant('acme'), parentId: fc.constantFrom(null, ROOT, TWIN) }), schema: MoveAssetRequest, accepted: [200, 404, 409, 422] }),
  bodyCases({ label: 'POST /v1/assets/:id/retire', method: 'POST', path: assetPath('/retire'), valid: fc.record({ tenant: fc.constant('acme'), reason: label }), schema: RetireAssetRequest, accepted: [200, 404, 409] }),
  bodyCases({
    label: 'POST /v1/twins/:id/commands',
    method: 'POST',
    path: segment(plausibleId).map((id) => `/v1/twins/${id}/commands`),
    valid: fc.record({ kind: fc.constantFrom('maintenance', 'parameters'), name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,15}$/), parameters: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), label), { maxKeys: 3 }), timeoutSeconds: fc.integer({ min: 1, max: 86400 }) }, { requiredKeys: ['kind', 'name'] }),
    schema: CommandRequest,
    accepted: [202, 404],
  }),
);

/** The id segment decides first: an id the contract refuses is refused naming assetId, whatever the query says. */
function idVerdict(segmentText: string): 'valid' | 'invalid' | 'undecodable' {
  try {
    return AssetId.safeParse(decodeURIComponent(segmentText)).success ? 'valid' : 'invalid';
  } catch {
    return 'undecodable';
  }
}

const iso = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const queryRoutes: { route: string; path: (id: string) => string; params: Record<string, fc.Arbitrary<string>>; required?: string[] }[] = [
  { route: 'GET /v1/twins/:id', path: (id) => `/v1/twins/${id}`, params: { at: iso } },
  { route: 'GET /v1/twins/:id/events', path: (id) => `/v1/twins/${id}/events`, params: { after: fc.nat({ max: 50 }).map(String), limit: fc.integer({ min: 1, max: 1000 }).map(String) } },
  { route: 'GET /v1/twins/:id/sensors/egt/history', path: (id) => `/v1/twins/${id}/sensors/egt/history`, params: { from: iso, to: iso, step: fc.constantFrom('30s', '5m', '1h', '1d', '3600') }, required: ['from', 'to', 'step'] },
  { route: 'GET /v1/assets/:id', path: (id) => `/v1/assets/${id}`, params: {} },
  { route: 'GET /v1/assets/:id/children', path: (id) => `/v1/assets/${id}/children`, params: {} },
  { route: 'GET /v1/assets/:id/health', path: (id) => `/v1/assets/${id}/health`, params: {} },
];

const queryCases: fc.Arbitrary<HttpCase> = fc.oneof(
  ...queryRoutes.map(({ route, path, params, required }) =>
    fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(TWIN, ROOT) }, { weight: 2, arbitrary: idSegment(plausibleId) }), queryString(params, required)).map(([id, q]): HttpCase => {
      const verdict = idVerdict(id);
      const base = { label: `${route} query`, method: 'GET', path: `${path(id)}${q.query}` };
      // A bad id is a 400 naming assetId, or a 404 when the segment does not even match the route (empty, `..`).
      if (verdict === 'invalid') return { ...base, expect: 'any', field: 'assetId' };
      // Undecodable percent-escapes are refused by the router before any field is read ("Failed to decode param").
      if (verdict === 'undecodable') return { ...base, expect: 'any' };
      return { ...base, expect: 'any', ...(q.field ? { field: q.field } : {}) };
    }),
  ),
  queryString({ tenant: fc.constantFrom('acme', 'globex'), kind: fc.constantFrom(...ASSET_KINDS) }).map((q): HttpCase => ({ label: 'GET /v1/assets query', method: 'GET', path: `/v1/assets${q.query}`, expect: 'any', ...(q.field ? { field: q.field } : {}) })),
);

describe('fuzz: twin-state HTTP (real service, real HTTP)', () => {
  it(`answers ${CASES} generated registry commands, twin commands and queries without a 5xx, refusing bad input precisely`, async () => {
    await fuzzHttpEdge({
      scenario: 'fuzz-http-twin-state',
      path: 'real HTTP → twin-state → Postgres',
      client,
      arbitrary: fc.oneof({ weight: 3, arbitrary: bodyRoutes }, { weight: 2, arbitrary: queryCases }),
      cases: CASES,
      afterwards: async () => expect((await fetch(`${twinState.url}/health`)).status).toBe(200),
    });
  }, 300_000);
});
