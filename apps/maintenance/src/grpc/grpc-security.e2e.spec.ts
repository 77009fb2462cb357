import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { join, resolve } from 'node:path';
import { generateNoteKeyPair } from '@fleettwin/merkle-log';
import { freePort, isolatedEnvironment, startService, WORKSPACE_ROOT, type RunningService } from '@fleettwin/testing';
import { makeTestCertificates, type TestCertificates } from '../fixtures/test-certificates';

type Client = grpc.Client & { List(req: object, metadata: grpc.Metadata, options: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void): void };
type ClientConstructor = new (address: string, credentials: grpc.ChannelCredentials) => Client;

const ACME_KEY = 'acme-erp-key-0123456789abcdef';
let dir: string;
let maintenance: RunningService;
let grpcPort: number;
let WorkOrderService: ClientConstructor;

let certificates: TestCertificates;
const file = (name: string) => certificates.file(name);

beforeAll(async () => {
  certificates = makeTestCertificates();
  dir = certificates.dir;
  const env = await isolatedEnvironment('grpcsec');
  grpcPort = await freePort();
  maintenance = await startService('maintenance', {
    ...env.env,
    GRPC_PORT: String(grpcPort),
    FLEETTWIN_ENV: 'prod',
    GRPC_TLS_CERT: join(dir, 'server.crt'),
    GRPC_TLS_KEY: join(dir, 'server.key'),
    GRPC_TLS_CA: join(dir, 'ca.crt'),
    GRPC_API_KEYS: `acme:${ACME_KEY},other:other-erp-key-0123456789abcdef`,
    CUSTODY_SIGNING_KEY: generateNoteKeyPair('fleettwin.dev/custody').signerKey,
  });
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(resolve(WORKSPACE_ROOT, 'libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto'), { keepCase: false, longs: String, defaults: true })) as unknown as {
    fleettwin: { maintenance: { v1: { WorkOrderService: ClientConstructor } } };
  };
  WorkOrderService = loaded.fleettwin.maintenance.v1.WorkOrderService;
});

afterAll(async () => {
  await maintenance?.stop();
});

function list(credentials: grpc.ChannelCredentials, tenant: string, apiKey?: string): Promise<unknown> {
  const client = new WorkOrderService(`127.0.0.1:${grpcPort}`, credentials);
  const metadata = new grpc.Metadata();
  if (apiKey) metadata.set('x-api-key', apiKey);
  return new Promise((res, rej) =>
    client.List({ tenant }, metadata, { deadline: Date.now() + 5000 }, (error, response) => {
      client.close();
      if (error) rej(error);
      else res(response);
    }),
  );
}

const mutualTls = (cert = 'erp') => grpc.credentials.createSsl(file('ca.crt'), file(`${cert}.key`), file(`${cert}.crt`));

describe('gRPC security for ERP clients (TLS, mutual TLS, per-tenant API keys)', () => {
  it('serves a client with a certificate from the trusted CA and a key for its tenant', async () => {
    await expect(list(mutualTls(), 'acme', ACME_KEY)).resolves.toMatchObject({ workOrders: [] });
  });

  it('refuses plaintext, TLS without a client certificate, and a certificate from another CA', async () => {
    await expect(list(grpc.credentials.createInsecure(), 'acme', ACME_KEY)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    await expect(list(grpc.credentials.createSsl(file('ca.crt')), 'acme', ACME_KEY)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    await expect(list(grpc.credentials.createSsl(file('ca.crt'), file('intruder.key'), file('intruder.crt')), 'acme', ACME_KEY)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });

  it('answers UNAUTHENTICATED without a valid key and PERMISSION_DENIED for another tenant', async () => {
    await expect(list(mutualTls(), 'acme')).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    await expect(list(mutualTls(), 'acme', 'not-a-real-key-0123456789')).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    await expect(list(mutualTls(), 'other', ACME_KEY)).rejects.toMatchObject({ code: grpc.status.PERMISSION_DENIED });
  });
});
