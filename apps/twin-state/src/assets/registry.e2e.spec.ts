import { Client } from 'pg';
import type { ApiErrorBody, AssetView, TwinView } from '@fleettwin/contracts';
import type { HealthRollUp } from '@fleettwin/domain-asset';
import { isolatedEnvironment, serviceDatabaseUrl, jsonBody, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';

let env: TestEnvironment;
let ingest: RunningService;
let twinState: RunningService;
let seq = 0;

beforeAll(async () => {
  env = await isolatedEnvironment('registry');
  [ingest, twinState] = await Promise.all([startService('ingest', env.env), startService('twin-state', env.env)]);
});

afterAll(async () => {
  await Promise.all([ingest?.stop(), twinState?.stop()]);
});

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${twinState.url}${path}`, { method, headers: { 'content-type': 'application/json', 'x-actor': 'reliability@acme' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

const details = (over: Record<string, unknown> = {}) => ({
  tenant: 'acme',
  model: 'CFM56',
  variant: '7B26',
  serial: 'SN-1',
  buildBatch: 'B03',
  environment: { climate: 'hot-humid', route: 'short-haul', tags: [] },
  inServiceDate: '2019-05-01',
  ...over,
});

async function send(assetId: string, readings: Record<string, number>): Promise<void> {
  seq += 1;
  const res = await fetch(`${ingest.url}/v1/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'acme', assetId, ts: new Date(Date.UTC(2026, 7, 1) + seq * 1000).toISOString(), seq, readings }),
  });
  expect(res.status).toBe(202);
  await waitFor(async () => {
    const twin = await fetch(`${twinState.url}/v1/twins/${assetId}`);
    return twin.status === 200 && (await jsonBody<TwinView>(twin)).lastSeq === seq;
  }, { what: `${assetId} seq ${seq}` });
}

const twin = async (assetId: string) => jsonBody<TwinView>(await fetch(`${twinState.url}/v1/twins/${assetId}`));
const health = async (assetId: string) => jsonBody<HealthRollUp>(await call('GET', `/v1/assets/${assetId}/health`));

describe('asset registry, hierarchy and roll-ups', () => {
  it('registers a fleet → aircraft → engines hierarchy and lists children', async () => {
    expect((await call('POST', '/v1/assets', { ...details(), assetId: 'FLEET-1', kind: 'fleet' })).status).toBe(201);
    expect((await call('POST', '/v1/assets', { ...details(), assetId: 'AC-1', kind: 'aircraft', parentId: 'FLEET-1' })).status).toBe(201);
    for (const id of ['ESN-R1', 'ESN-R2']) {
      const res = await call('POST', '/v1/assets', { ...details({ serial: id }), assetId: id, kind: 'engine', parentId: 'AC-1', tolerances: { hpcEfficiency: -0.004 } });
      expect(res.status).toBe(201);
      expect(await jsonBody<AssetView>(res)).toMatchObject({ assetId: id, parentId: 'AC-1', buildBatch: 'B03', environment: { climate: 'hot-humid' }, version: 1 });
    }
    const children = await jsonBody<{ children: AssetView[] }>(await call('GET', '/v1/assets/AC-1/children'));
    expect(children.children.map((c) => c.assetId)).toEqual(['ESN-R1', 'ESN-R2']);
  });

  it('refuses invalid bodies (400), duplicates and cycles (409), unknown assets (404)', async () => {
    const bad = await call('POST', '/v1/assets', { ...details(), assetId: 'X', kind: 'spaceship' });
    expect(bad.status).toBe(400);
    expect((await jsonBody<ApiErrorBody>(bad)).error.details?.map((d) => d.path)).toContain('kind');
    const dup = await call('POST', '/v1/assets', { ...details(), assetId: 'ESN-R1', kind: 'engine', parentId: 'AC-1' });
    expect(dup.status).toBe(409);
    expect((await jsonBody<ApiErrorBody>(dup)).error.code).toBe('ALREADY_REGISTERED');
    const cycle = await call('POST', '/v1/assets/FLEET-1/move', { tenant: 'acme', parentId: 'ESN-R1' });
    expect([409, 422]).toContain(cycle.status);
    expect((await call('GET', '/v1/assets/NOPE/children')).status).toBe(404);
    // Found by fuzzing: PostgreSQL cannot store U+0000 in jsonb, which made this a 500.
    const nul = await call('POST', '/v1/assets', { ...details(), assetId: 'ESN-NUL', kind: 'engine', model: 'CFM\u0000' });
    expect(nul.status).toBe(400);
    expect((await jsonBody<ApiErrorBody>(nul)).error.details).toEqual([{ path: 'model', message: 'text must not contain U+0000 or unpaired surrogates' }]);
  });

  it('records registry changes as events: an update bumps the version and shows in the view', async () => {
    const res = await call('PUT', '/v1/assets/ESN-R2', { tenant: 'acme', environment: { climate: 'temperate', route: 'long-haul', tags: [] } });
    expect(res.status).toBe(200);
    expect(await jsonBody<AssetView>(res)).toMatchObject({ version: 2, environment: { climate: 'temperate', route: 'long-haul' } });
    const db = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, 'twin-state') });
    await db.connect();
    const { rows } = await db.query<{ type: string }>("SELECT type FROM events WHERE stream_id = 'asset-ESN-R2' ORDER BY version");
    await db.end();
    expect(rows.map((r) => r.type)).toEqual(['AssetRegistered', 'AssetUpdated']);
  });

  it('rolls a child’s degradation up to its aircraft and fleet', async () => {
    await send('ESN-R1', { egt: 640, vibration: 1.1 });
    await send('ESN-R2', { egt: 650, vibration: 1.2 });
    const healthy = await health('FLEET-1');
    expect(healthy.counts.ok).toBe(3); // the aircraft takes its engines' status
    expect(healthy.worstStatus).toBe('ok');

    await send('ESN-R2', { egt: 1500, vibration: 1.2 }); // an implausible EGT: a data-quality warning
    const degraded = await health('FLEET-1');
    expect(degraded.worstStatus).toBe('watch');
    expect(degraded.drivenBy).toBe('ESN-R2');
    expect(degraded.dataQualityWarnings).toBe(1);
    expect((await health('AC-1')).children.find((c) => c.assetId === 'ESN-R2')?.status).toBe('watch');
  });

  it('lets a DTDL model’s declared range drive the out-of-range flag', async () => {
    const model = {
      '@context': ['dtmi:dtdl:context;3', 'dtmi:fleettwin:extension:range;1'],
      '@id': 'dtmi:acme:engine:HotSection;1',
      '@type': 'Interface',
      displayName: 'Hot-section limited engine',
      contents: [{ '@type': ['Telemetry', 'Ranged'], name: 'egt', schema: 'double', minValue: 300, maxValue: 700 }],
    };
    const uploaded = await call('POST', '/v1/models', model);
    expect(uploaded.status).toBe(201);
    expect((await call('POST', '/v1/models', { ...model, contents: [{ '@type': 'Telemetry', name: '1bad', schema: 'double' }] })).status).toBe(400);
    expect((await call('POST', '/v1/assets', { ...details(), assetId: 'ESN-R3', kind: 'engine', parentId: 'AC-1', dtmi: 'dtmi:acme:engine:HotSection;1' })).status).toBe(201);

    await send('ESN-R3', { egt: 750 });
    expect((await twin('ESN-R3')).sensors.egt?.quality).toEqual(['out-of-range']);
    await send('ESN-R1', { egt: 750 }); // no model attached: the default turbofan range (≤ 1100 °C) holds
    expect((await twin('ESN-R1')).sensors.egt?.quality).toEqual([]);
  });
});
