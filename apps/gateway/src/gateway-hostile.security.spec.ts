import { jsonBody, recordFaultResult, waitFor, type RunningService } from '@fleettwin/testing';
import { ROUTE_NAMES, ROUTES, type RouteName } from './routes/route-table';
import { manufacturePart, publishRiskyPrediction, registerFleetAsset, sendFrame, startFleet, startGateway, token, unsignedToken, type Fleet } from './fixtures/gateway-fixture';

/**
 * The fault suite re-runs the gateway's user checks against hostile callers (the gateway's own e2e holds
 * the full role × route matrix): forged, misdirected, expired and unsigned tokens are 401 on every route,
 * and another tenant's ids are 404 with nothing of theirs in the answer, on every route that owns an id.
 */
type Tenant = 'acme' | 'globex';
const ids: Record<Tenant, Record<'twin' | 'asset' | 'work-order' | 'part', string>> = {
  acme: { twin: 'SEC-ACME-E1', asset: 'SEC-FLEET-ACME', 'work-order': '', part: 'PN-SECACME/SN-1' },
  globex: { twin: 'SEC-GLOBEX-E1', asset: 'SEC-FLEET-GLOBEX', 'work-order': '', part: 'PN-SECGLOBEX/SN-1' },
};
const SEEDED = new Set(['twin', 'asset', 'work-order', 'part']);

let fleet: Fleet;
let gateway: RunningService;

async function workOrderOf(tenant: Tenant): Promise<string> {
  const auth = await token(tenant, ['viewer']);
  let found = '';
  await waitFor(async () => {
    const res = await call('GET', `/v1/work-orders?assetId=${ids[tenant].twin}`, auth);
    found = (await jsonBody<{ workOrders?: { id: string }[] }>(res)).workOrders?.[0]?.id ?? '';
    return Boolean(found);
  }, { timeoutMs: 30000, what: `a work order for ${tenant}` });
  return found;
}

beforeAll(async () => {
  fleet = await startFleet('gwsec');
  await Promise.all(
    (['acme', 'globex'] as const).flatMap((tenant) => [
      sendFrame(fleet, tenant, ids[tenant].twin, { egt: 640, n2: 95 }),
      registerFleetAsset(fleet, tenant, ids[tenant].asset),
      publishRiskyPrediction(fleet, tenant, ids[tenant].twin),
      manufacturePart(fleet, tenant, ids[tenant].part),
    ]),
  );
  gateway = await startGateway(fleet, { RATE_LIMIT_PER_MINUTE: '100000' });
  [ids.acme['work-order'], ids.globex['work-order']] = await Promise.all([workOrderOf('acme'), workOrderOf('globex')]);
});

afterAll(async () => {
  await gateway?.stop();
  await fleet?.stop();
});

function call(method: string, path: string, auth?: string, body?: unknown): Promise<Response> {
  return fetch(`${gateway.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** A route's path with a tenant's id (or a placeholder where this suite seeds none) and a plausible body. */
function pathOf(route: RouteName, tenant: Tenant): string {
  const spec = ROUTES[route];
  const resource = 'resource' in spec ? (spec.resource as string) : undefined;
  const id = resource && SEEDED.has(resource) ? ids[tenant][resource as keyof (typeof ids)['acme']] : 'SEC-PLACEHOLDER';
  return spec.path.replace(':id', encodeURIComponent(id)).replace(':action', 'acknowledge').replace(':period', '2026-01');
}

const HOSTILE_TOKENS: [string, () => Promise<string | undefined>][] = [
  ['no token', async () => undefined],
  ['a bad signature', () => token('acme', ['admin'], { secret: 'another-secret-0123456789abcdefghij' })],
  ['the wrong audience', () => token('acme', ['admin'], { audience: 'someone-else' })],
  ['the wrong issuer', () => token('acme', ['admin'], { issuer: 'https://evil.test/' })],
  ['an expired token', () => token('acme', ['admin'], { expiresIn: '-10s' })],
  ['alg none', async () => unsignedToken('acme')],
];

describe('security: hostile callers at the gateway', () => {
  const figures: Record<string, number> = {};

  it.each(HOSTILE_TOKENS)('refuses %s with 401 on every route', async (what, make) => {
    const auth = await make();
    const statuses = await Promise.all(ROUTE_NAMES.map(async (route) => {
      const res = await call(ROUTES[route].method, pathOf(route, 'acme'), auth, ROUTES[route].method === 'POST' ? {} : undefined);
      const text = await res.text();
      expect(text).not.toMatch(/SEC-ACME|SEC-GLOBEX/);
      return [route, res.status, res.headers.get('www-authenticate')] as const;
    }));
    expect(statuses.filter(([, status]) => status !== 401)).toEqual([]);
    expect(statuses.every(([, , challenge]) => challenge === 'Bearer')).toBe(true);
    figures[`401 for ${what} (routes)`] = statuses.length;
  });

  it('answers another tenant’s ids with 404 and nothing of theirs, on every route that owns a seeded id', async () => {
    const owned = ROUTE_NAMES.filter((route) => 'resource' in ROUTES[route] && SEEDED.has(ROUTES[route].resource as string));
    expect(owned.length).toBeGreaterThanOrEqual(8);
    const admin = await token('acme', ['admin']);
    for (const route of owned) {
      const spec = ROUTES[route];
      const res = await call(spec.method, pathOf(route, 'globex'), admin, spec.method === 'POST' ? (route === 'twinCommand' ? { kind: 'parameters', name: 'idle', parameters: { idle: 1 } } : {}) : undefined);
      const text = await res.text();
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      expect(text).not.toMatch(/globex/i);
      expect(text).not.toContain(ids.globex['work-order']);
    }
    // The same ids are the owner's: the 404s above are about the tenant, not missing data.
    const own = await call('GET', pathOf('workOrder', 'globex'), await token('globex', ['viewer']));
    expect(own.status).toBe(200);
    figures['404 for cross-tenant ids (routes)'] = owned.length;
    recordFaultResult({ scenario: 'gateway-hostile-callers', group: 'security', passed: true, figures });
  });
});
