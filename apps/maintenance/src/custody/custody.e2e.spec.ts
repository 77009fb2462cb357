import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topicName } from '@fleettwin/contracts';
import { parseVerifierKey, verifyCheckpointConsistency, type Dossier } from '@fleettwin/merkle-log';
import { freePort, isolatedEnvironment, jsonBody, readTopic, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';

interface PartView { partId: string; status: string; quarantined: boolean; quarantine: { reasons: string[] } | null; owner: { id: string }; life: { consumed: { hours: number; cycles: number }; remaining: { cycles?: number } } }
interface Checkpoint { treeSize: number; rootHash: string; signed: string }
type Org = { id: string; name: string; approval?: string };

const OEM: Org = { id: 'oem', name: 'Engine Maker', approval: 'EASA.21G.0001' };
const AIRLINE_A: Org = { id: 'airline-a', name: 'Airline A', approval: 'EASA.CAMO.0042' };
const AIRLINE_B: Org = { id: 'airline-b', name: 'Airline B', approval: 'FAA.CAMO.7001' };
const MRO: Org = { id: 'mro', name: 'Overhaul Shop', approval: 'EASA.145.0099' };
const PART = 'PN-2045M11/SN-X7731';

let env: TestEnvironment;
let maintenance: RunningService;
let dir: string;
let verifierKey: string;

beforeAll(async () => {
  env = await isolatedEnvironment('custody');
  maintenance = await startService('maintenance', { ...env.env, GRPC_PORT: String(await freePort()), CUSTODY_CHECKPOINT_EVERY_MS: '500' });
  dir = mkdtempSync(join(tmpdir(), 'custody-e2e-'));
  verifierKey = (await jsonBody<{ verifierKey: string }>(await fetch(`${maintenance.url}/v1/custody/key`))).verifierKey;
});

afterAll(async () => {
  await maintenance?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const partUrl = (partId: string, suffix = '') => `${maintenance.url}/v1/parts/${encodeURIComponent(partId)}${suffix}`;

function record(partId: string, by: Org, command: string, data: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(partUrl(partId, '/events'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-organisation': by.id, 'x-organisation-name': by.name, ...(by.approval ? { 'x-organisation-approval': by.approval } : {}), 'x-actor': `inspector@${by.id}`, ...headers },
    body: JSON.stringify({ command, data }),
  });
}

async function ok(partId: string, by: Org, command: string, data: object, headers: Record<string, string> = {}): Promise<void> {
  const res = await record(partId, by, command, data, headers);
  if (res.status !== 201) throw new Error(`${command} on ${partId}: ${res.status} ${await res.text()}`);
}

const getPart = async (partId: string) => jsonBody<PartView>(await fetch(partUrl(partId)));

function fleettwinVerify(dossier: string, key: string) {
  const file = join(dir, `dossier-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, dossier);
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/cli/src/main.ts', 'verify', file, '--key', key], { cwd: WORKSPACE_ROOT, encoding: 'utf8', timeout: 60_000 });
}

const certificate = (number: string, issuer: string) => ({ form: 'EASA_FORM_1', number, issuer });

async function flyThroughTwoEnginesAndThreeOwners(partId: string): Promise<void> {
  await ok(partId, OEM, 'manufacture', { partNumber: '2045M11', serialNumber: 'X7731', batch: 'B-2023-41', lifeLimits: { cycles: 20_000 } });
  await ok(partId, OEM, 'certify', { certificate: certificate('F1-77310', 'Engine Maker EASA.21G.0001') });
  await ok(partId, OEM, 'store', { location: 'OEM bonded store', conditions: 'sealed, dry' });
  await ok(partId, OEM, 'transfer', { transferId: 'sale-1', to: AIRLINE_A });
  await ok(partId, AIRLINE_A, 'acknowledge-transfer', { transferId: 'sale-1' });
  await ok(partId, AIRLINE_A, 'install', { assetId: 'ESN-1001', position: 'HPT stage 1', assetCounters: { hours: 2_000, cycles: 900 } });
  await ok(partId, AIRLINE_A, 'record-usage', { assetId: 'ESN-1001', assetCounters: { hours: 4_500, cycles: 2_100 } });
  await ok(partId, AIRLINE_A, 'remove', { assetId: 'ESN-1001', assetCounters: { hours: 6_000, cycles: 2_900 }, reason: 'borescope finding', serviceable: false });
  await ok(partId, AIRLINE_A, 'store', { location: 'Airline A quarantine store', conditions: 'tagged unserviceable' });
  await ok(partId, MRO, 'inspect', { findings: 'coating loss on rim', serviceable: false });
  await ok(partId, MRO, 'repair', { kind: 'overhaul', description: 'recoated per CMM 72-41-00', releaseCertificate: { form: 'FAA_8130_3', number: '8130-5555', issuer: 'Overhaul Shop EASA.145.0099' } });
  await ok(partId, AIRLINE_A, 'store', { location: 'Airline A bonded store', conditions: 'sealed, dry' });
  await ok(partId, AIRLINE_A, 'transfer', { transferId: 'sale-2', to: AIRLINE_B });
  await ok(partId, AIRLINE_B, 'acknowledge-transfer', { transferId: 'sale-2' });
  await ok(partId, AIRLINE_B, 'install', { assetId: 'ESN-2002', position: 'HPT stage 1', assetCounters: { hours: 10_000, cycles: 5_000 } });
  await ok(partId, AIRLINE_B, 'record-usage', { assetId: 'ESN-2002', assetCounters: { hours: 11_000, cycles: 5_400 } });
}

describe('custody ledger over REST', () => {
  let dossierText: string;

  it('flies a part through two engines and three owners with a repair between; life consumed adds up across installations', async () => {
    await flyThroughTwoEnginesAndThreeOwners(PART);
    const part = await getPart(PART);
    expect(part).toMatchObject({ partId: PART, status: 'installed', quarantined: false, owner: { id: 'airline-b' } });
    expect(part.life.consumed).toEqual({ hours: 4_000 + 1_000, cycles: 2_000 + 400 });
    expect(part.life.remaining.cycles).toBe(20_000 - 2_400);
    const history = await jsonBody<{ events: { sequence: number; event: { type: string; metadata: { organisation: Org; userId: string } } }[] }>(await fetch(partUrl(PART, '/history')));
    expect(history.events).toHaveLength(16);
    expect(history.events[4]?.event.metadata).toMatchObject({ organisation: AIRLINE_A, userId: 'inspector@airline-a' });
  });

  it('serves a dossier that the offline CLI verifies: exit 0', async () => {
    const res = await fetch(partUrl(PART, '/dossier'));
    expect(res.status).toBe(200);
    dossierText = await res.text();
    const dossier = JSON.parse(dossierText) as Dossier;
    expect(dossier.entries).toHaveLength(16);
    const run = fleettwinVerify(dossierText, verifierKey);
    expect(run.stdout).toMatch(/^valid: 16 events of PN-2045M11\/SN-X7731/);
    expect(run.status).toBe(0);
  });

  it('makes the CLI exit 1 naming the event when one byte of one event is changed', () => {
    const tampered = dossierText.replace('"assetId":"ESN-1001","position"', '"assetId":"ESN-1009","position"');
    expect(tampered).not.toBe(dossierText);
    const run = fleettwinVerify(tampered, verifierKey);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/invalid: BAD_HASH at event #5, sequence 5, PartInstalled, id /);
  });

  it('refuses to record without the acting organisation, and maps domain rejections to their codes', async () => {
    const anonymous = await fetch(partUrl(PART, '/events'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ command: 'inspect', data: { findings: 'x', serviceable: true } }) });
    expect(anonymous.status).toBe(400);
    const installed = await record(PART, AIRLINE_B, 'transfer', { transferId: 'x', to: OEM });
    expect(installed.status).toBe(409);
    expect((await jsonBody<{ error: { code: string } }>(installed)).error.code).toBe('PART_INSTALLED');
    const again = await record(PART, OEM, 'manufacture', { partNumber: '2045M11', serialNumber: 'X7731', batch: 'B', lifeLimits: {} });
    expect(again.status).toBe(409);
    expect((await jsonBody<{ error: { code: string } }>(again)).error.code).toBe('PART_ALREADY_EXISTS');
    expect((await record(PART, AIRLINE_B, 'install', { assetId: 'ESN-1', position: 'p' })).status).toBe(400);
    expect((await fetch(partUrl('PN-NOPE/SN-0'))).status).toBe(404);
  });

  it('records a retried command (same commandId) once', async () => {
    const partId = 'PN-3/SN-RETRY';
    const manufacture = { command: 'manufacture', commandId: 'erp-4711', data: { partNumber: '3', serialNumber: 'RETRY', batch: 'B3', lifeLimits: {} } };
    const send = () => fetch(partUrl(partId, '/events'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-organisation': 'oem', 'x-actor': 'clerk' }, body: JSON.stringify(manufacture) });
    const first = await jsonBody<{ events: unknown[] }>(await send());
    const retry = await send();
    expect(retry.status).toBe(201);
    expect(first.events).toHaveLength(1);
    expect((await jsonBody<{ events: unknown[] }>(retry)).events).toHaveLength(0);
    expect((await jsonBody<{ events: unknown[] }>(await fetch(partUrl(partId, '/history')))).events).toHaveLength(1);
  });

  it('quarantines a part moved between engines with no storage or transfer, visible in GET; resolving it needs a reason and the authorisation', async () => {
    const partId = 'PN-77/SN-GAP1';
    await ok(partId, AIRLINE_A, 'manufacture', { partNumber: '77', serialNumber: 'GAP1', batch: 'B1', lifeLimits: { hours: 30_000 } });
    await ok(partId, AIRLINE_A, 'certify', { certificate: certificate('F1-1', 'Airline A') });
    await ok(partId, AIRLINE_A, 'install', { assetId: 'ESN-A', position: 'fan', assetCounters: { hours: 100, cycles: 50 } });
    await ok(partId, AIRLINE_A, 'remove', { assetId: 'ESN-A', assetCounters: { hours: 200, cycles: 90 }, reason: 'swap', serviceable: true });
    await ok(partId, AIRLINE_A, 'install', { assetId: 'ESN-B', position: 'fan', assetCounters: { hours: 500, cycles: 300 } });
    const part = await getPart(partId);
    expect(part).toMatchObject({ status: 'quarantined', quarantined: true });
    expect(part.quarantine?.reasons).toContain('gap-in-possession');
    const noReason = await record(partId, AIRLINE_A, 'resolve-quarantine', {}, { 'x-authorisations': 'custody:resolve-quarantine' });
    expect(noReason.status).toBe(400);
    const unauthorised = await record(partId, AIRLINE_A, 'resolve-quarantine', { reason: 'paperwork found' });
    expect(unauthorised.status).toBe(403);
    expect((await jsonBody<{ error: { code: string } }>(unauthorised)).error.code).toBe('NOT_AUTHORISED');
    await ok(partId, AIRLINE_A, 'resolve-quarantine', { reason: 'shop traveller found: stored overnight in bay 3' }, { 'x-authorisations': 'custody:resolve-quarantine' });
    expect(await getPart(partId)).toMatchObject({ quarantined: false, status: 'installed' });
  });

  it('proves an earlier checkpoint consistent with a later one', async () => {
    const older = await jsonBody<Checkpoint>(await fetch(`${maintenance.url}/v1/custody/checkpoints/latest`));
    await ok('PN-9/SN-CONS', MRO, 'manufacture', { partNumber: '9', serialNumber: 'CONS', batch: 'B9', lifeLimits: {} });
    let newer = older;
    await waitFor(async () => {
      newer = await jsonBody<Checkpoint>(await fetch(`${maintenance.url}/v1/custody/checkpoints/latest`));
      return newer.treeSize > older.treeSize;
    }, { timeoutMs: 15000, what: 'a periodic checkpoint covering the new event' });
    const consistency = await jsonBody<{ proof: string[] }>(await fetch(`${maintenance.url}/v1/custody/consistency?from=${older.treeSize}&to=${newer.treeSize}`));
    const verdict = verifyCheckpointConsistency(older.signed, newer.signed, consistency.proof, parseVerifierKey(verifierKey));
    expect(verdict).toMatchObject({ ok: true });
    expect((await fetch(`${maintenance.url}/v1/custody/consistency?from=${newer.treeSize}&to=${older.treeSize}`)).status).toBe(400);
  });

  it('publishes signed checkpoints on fleet.custody.v1', async () => {
    const topic = topicName('custody', env.namespace);
    const latest = await jsonBody<Checkpoint>(await fetch(`${maintenance.url}/v1/custody/checkpoints/latest`));
    let found: { data: { treeSize: number; checkpoint: string } } | undefined;
    await waitFor(async () => {
      const messages = await readTopic(env.kafkaBrokers, topic, 1, 15000, 500);
      found = messages
        .map((m) => JSON.parse(m.value?.toString() ?? '{}') as { streamId: string; type: string; data: { treeSize: number; checkpoint: string } })
        .find((e) => e.type === 'CheckpointSigned' && e.data.treeSize === latest.treeSize);
      return found !== undefined;
    }, { timeoutMs: 30000, what: 'the latest checkpoint on the custody topic' });
    expect(found?.data.checkpoint).toBe(latest.signed);
  });
});
