import { buildFleet, FleetSimulation, parseInjection, toTelemetryFrame } from '@fleettwin/simulator';
import { jsonBody, waitFor, type RunningService } from '@fleettwin/testing';
import { startFleet, startGateway, token, type Fleet } from '../fixtures/gateway-fixture';

// Two simulated engines with a known HPC fault, one per tenant, through the real pipeline.
const START = Date.UTC(2026, 8, 1);
const CYCLES = 60;
const registry = buildFleet({ engines: 2, tenants: 1, seed: 2, startMs: START });
const sim = new FleetSimulation(registry, { seed: 2, startMs: START, cyclesPerSecond: 1, injections: [parseInjection('HPC-DEG:onset=5,life=150')] });
const engines = [{ tenant: 'acme', assetId: 'ACME-S1', index: 0 }, { tenant: 'globex', assetId: 'GLOBEX-S1', index: 1 }];

let fleet: Fleet;
let gateway: RunningService;

const call = async (method: string, path: string, auth: string, body?: unknown) =>
  fetch(`${gateway.url}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

beforeAll(async () => {
  fleet = await startFleet('gwscenarios');
  const frames = engines.flatMap((e) => Array.from({ length: CYCLES }, (_, k) => ({ ...toTelemetryFrame(sim.frame(e.index, k, START + k * 1000)), tenant: e.tenant, assetId: e.assetId, seq: k + 1 })));
  const res = await fetch(`${fleet.ingest.url}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames }) });
  expect(res.status).toBe(202);
  await waitFor(async () => {
    const all = await Promise.all(engines.map((e) => fetch(`${fleet.predictor.url}/v1/assets/${e.assetId}/calibration`)));
    return (await Promise.all(all.map((r) => (r.status === 200 ? jsonBody<{ fittedAtCycle: number | null }>(r) : undefined)))).every((c) => c?.fittedAtCycle === CYCLES);
  }, { timeoutMs: 120000, intervalMs: 500, what: 'both engines calibrated' });
  // The API only: a console build in the working tree (another suite's concern) stays out of the way.
  gateway = await startGateway(fleet, { RATE_LIMIT_PER_MINUTE: '100000', CONSOLE_DIR: '/nonexistent/console' });
});

afterAll(async () => {
  await gateway?.stop();
  await fleet?.stop();
});

describe('gateway: what-if scenarios', () => {
  it('runs a scenario for the token’s tenant, reads it back, reruns it identically; viewers read but cannot create', async () => {
    const planner = await token('acme', ['planner']);
    const body = { tenant: 'globex', assets: { ids: ['ACME-S1'] }, change: { profile: { deratePercent: 15 } }, seed: 3, draws: 500 };
    const created = await call('POST', '/v1/scenarios', planner, body);
    expect(created.status).toBe(201);
    const scenario = await jsonBody<{ id: string; tenant: string; result: { assets: { baseline: { rulCycles: { mean: number } }; scenario: { rulCycles: { mean: number } } }[] } }>(created);
    expect(scenario.tenant).toBe('acme'); // the tenant in the body is ignored
    expect(scenario.result.assets[0]?.scenario.rulCycles.mean).toBeGreaterThan(scenario.result.assets[0]?.baseline.rulCycles.mean as number);
    const viewer = await token('acme', ['viewer']);
    expect(await jsonBody(await call('GET', `/v1/scenarios/${scenario.id}`, viewer))).toEqual(scenario);
    expect((await jsonBody<{ scenarios: { id: string }[] }>(await call('GET', '/v1/scenarios', viewer))).scenarios.map((s) => s.id)).toEqual([scenario.id]);
    expect((await call('POST', '/v1/scenarios', viewer, body)).status).toBe(403);
    const rerun = await jsonBody<{ identical: boolean; changes: string[] }>(await call('POST', `/v1/scenarios/${scenario.id}/rerun`, planner));
    expect(rerun).toMatchObject({ identical: true, changes: [] });
    const calibration = await call('GET', '/v1/assets/ACME-S1/calibration', viewer);
    expect(calibration.status).toBe(200);
    expect(await jsonBody<{ fitRmse: number }>(calibration)).toMatchObject({ assetId: 'ACME-S1' });
    const listed = await jsonBody<{ tenant: string; assets: { assetId: string }[] }>(await call('GET', '/v1/calibrations?tenant=globex', viewer));
    expect(listed).toMatchObject({ tenant: 'acme', assets: [{ assetId: 'ACME-S1' }] });
  });

  it('answers 404 for another tenant’s scenario, rerun, asset or calibration, and lists none of them', async () => {
    const globex = await token('globex', ['admin']);
    const own = await jsonBody<{ id: string }>(await call('POST', '/v1/scenarios', globex, { assets: { ids: ['GLOBEX-S1'] }, change: { profile: { ambientDeltaC: 10 } }, seed: 3, draws: 500 }));
    const acme = await token('acme', ['admin']);
    for (const [method, path] of [['GET', `/v1/scenarios/${own.id}`], ['POST', `/v1/scenarios/${own.id}/rerun`], ['GET', '/v1/assets/GLOBEX-S1/calibration']] as const) {
      const res = await call(method, path, acme);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/globex/i);
    }
    const foreignAsset = await call('POST', '/v1/scenarios', acme, { assets: { ids: ['GLOBEX-S1'] }, change: { profile: { deratePercent: 10 } } });
    expect(foreignAsset.status).toBe(404);
    const listed = await jsonBody<{ scenarios: { id: string }[] }>(await call('GET', '/v1/scenarios', acme));
    expect(listed.scenarios.map((s) => s.id)).not.toContain(own.id);
  });
});
