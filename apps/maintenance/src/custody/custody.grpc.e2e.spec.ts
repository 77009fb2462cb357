import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { resolve } from 'node:path';
import { verifyDossier } from '@fleettwin/merkle-log';
import { freePort, isolatedEnvironment, jsonBody, startService, waitFor, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';

interface PartMessage { partId: string; status: string; quarantined: boolean; ownerId: string; version: string; lifeConsumed: { hours: number; cycles: number } }
interface Change { cursor: string; partId: string; eventType: string; version: string }
type Callback = (err: grpc.ServiceError | null, res: never) => void;
type Client = grpc.Client & Record<string, (req: object, metadata: grpc.Metadata, cb: Callback) => void> & { Watch(req: object, metadata: grpc.Metadata): grpc.ClientReadableStream<Change> };

const PROTO = resolve(WORKSPACE_ROOT, 'libs/contracts/proto/fleettwin/custody/v1/custody.proto');
let env: TestEnvironment;
let maintenance: RunningService;
let client: Client;

beforeAll(async () => {
  env = await isolatedEnvironment('custody-grpc');
  const grpcPort = await freePort();
  maintenance = await startService('maintenance', { ...env.env, GRPC_PORT: String(grpcPort) });
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO, { keepCase: false, longs: String, enums: String, defaults: true })) as unknown as {
    fleettwin: { custody: { v1: { CustodyService: new (address: string, credentials: grpc.ChannelCredentials) => Client } } };
  };
  client = new loaded.fleettwin.custody.v1.CustodyService(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await maintenance?.stop();
});

function as(organisation: string, extra: Record<string, string> = {}): grpc.Metadata {
  const metadata = new grpc.Metadata();
  for (const [name, value] of Object.entries({ 'x-organisation': organisation, 'x-actor': `clerk@${organisation}`, ...extra })) metadata.set(name, value);
  return metadata;
}

function call<T>(method: string, request: object, metadata: grpc.Metadata = as('oem')): Promise<T> {
  return new Promise((done, fail) => client[method]?.(request, metadata, (error, response) => (error ? fail(error) : done(response as T))));
}

const record = (partId: string, command: string, data: object, metadata?: grpc.Metadata) => call<{ part: PartMessage }>('Record', { partId, command, dataJson: JSON.stringify(data) }, metadata);

describe('custody ledger over gRPC', () => {
  const partId = 'PN-5/SN-GRPC1';

  it('records, gets and exports a dossier that verifies against the published key', async () => {
    await record(partId, 'manufacture', { partNumber: '5', serialNumber: 'GRPC1', batch: 'B5', lifeLimits: { cycles: 10_000 } });
    await record(partId, 'certify', { certificate: { form: 'FAA_8130_3', number: '8130-1', issuer: 'OEM' } });
    const installed = await record(partId, 'install', { assetId: 'ESN-G1', position: 'HPT', assetCounters: { hours: 10, cycles: 5 } });
    expect(installed.part).toMatchObject({ partId, status: 'installed', ownerId: 'oem', version: '3' });
    await record(partId, 'record-usage', { assetId: 'ESN-G1', assetCounters: { hours: 110, cycles: 45 } });
    const part = await call<PartMessage>('Get', { partId });
    expect(part.lifeConsumed).toEqual({ hours: 100, cycles: 40 });
    const { dossierJson } = await call<{ dossierJson: string }>('Dossier', { partId });
    const { verifierKey } = await jsonBody<{ verifierKey: string }>(await fetch(`${maintenance.url}/v1/custody/key`));
    expect(verifyDossier(JSON.parse(dossierJson), verifierKey)).toMatchObject({ valid: true, events: 4 });
    const history = await call<{ events: { type: string }[] }>('History', { partId });
    expect(history.events.map((e) => e.type)).toEqual(['PartManufactured', 'PartCertified', 'PartInstalled', 'UsageRecorded']);
  });

  it('answers with proper status codes', async () => {
    await expect(call('Record', { partId, command: 'inspect', dataJson: JSON.stringify({ findings: 'ok', serviceable: true }) }, new grpc.Metadata())).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(record(partId, 'manufacture', { partNumber: '5', serialNumber: 'GRPC1', batch: 'B5', lifeLimits: {} })).rejects.toMatchObject({ code: grpc.status.ALREADY_EXISTS });
    await expect(record(partId, 'store', { location: 'shelf', conditions: 'dry' })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    await expect(record(partId, 'install', { assetId: 'x' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(call('Get', { partId: 'PN-0/SN-NONE' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(call('Dossier', { partId: 'PN-0/SN-NONE' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('lets a Watch that disconnects resume from its cursor and see every later event once', async () => {
    const seen: Change[] = [];
    const first = client.Watch({ cursor: '' }, as('oem'));
    first.on('data', (c: Change) => seen.push(c));
    first.on('error', () => undefined);
    await waitFor(() => seen.length >= 4, { what: 'the first four custody events' });
    first.cancel();
    expect(seen.slice(0, 4).map((c) => c.eventType)).toEqual(['PartManufactured', 'PartCertified', 'PartInstalled', 'UsageRecorded']);
    const cursor = seen[3]?.cursor as string;

    await record(partId, 'remove', { assetId: 'ESN-G1', assetCounters: { hours: 150, cycles: 60 }, reason: 'shop visit', serviceable: true });
    await record(partId, 'store', { location: 'bonded store', conditions: 'dry' });

    const resumed: Change[] = [];
    const second = client.Watch({ cursor, partId }, as('oem'));
    second.on('data', (c: Change) => resumed.push(c));
    second.on('error', () => undefined);
    await waitFor(() => resumed.some((c) => c.eventType === 'PartStored'), { what: 'the storage after resuming' });
    second.cancel();
    expect(resumed.map((c) => [c.eventType, c.version])).toEqual([['PartRemoved', '5'], ['PartStored', '6']]);
  });
});
