import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateNoteKeyPair } from '@fleettwin/merkle-log';
import { freePort, isolatedEnvironment, recordFaultResult, startService, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';
import { makeTestCertificates, type TestCertificates } from '../fixtures/test-certificates';

/**
 * The fault suite's check that gRPC requires mutual TLS outside dev: maintenance in `prod` will not
 * start without a client CA, and once started serves only clients whose certificate that CA signed.
 */
type Client = grpc.Client & { List(req: object, metadata: grpc.Metadata, options: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void): void };
type ClientConstructor = new (address: string, credentials: grpc.ChannelCredentials) => Client;

const ACME_KEY = 'acme-mtls-key-0123456789abcdef';
let certificates: TestCertificates;
let env: TestEnvironment;
let maintenance: RunningService;
let grpcPort: number;
let WorkOrderService: ClientConstructor;

function prodEnv(port: number): Record<string, string> {
  return {
    ...env.env,
    LOG_LEVEL: 'warn',
    GRPC_PORT: String(port),
    FLEETTWIN_ENV: 'prod',
    GRPC_TLS_CERT: certificates.path('server.crt'),
    GRPC_TLS_KEY: certificates.path('server.key'),
    GRPC_TLS_CA: certificates.path('ca.crt'),
    GRPC_API_KEYS: `acme:${ACME_KEY}`,
    CUSTODY_SIGNING_KEY: generateNoteKeyPair('fleettwin.dev/custody').signerKey,
  };
}

beforeAll(async () => {
  certificates = makeTestCertificates();
  env = await isolatedEnvironment('mtls');
  grpcPort = await freePort();
  maintenance = await startService('maintenance', prodEnv(grpcPort));
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(resolve(WORKSPACE_ROOT, 'libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto'), { keepCase: false, longs: String, defaults: true })) as unknown as {
    fleettwin: { maintenance: { v1: { WorkOrderService: ClientConstructor } } };
  };
  WorkOrderService = loaded.fleettwin.maintenance.v1.WorkOrderService;
});

afterAll(async () => {
  await maintenance?.stop();
});

function list(credentials: grpc.ChannelCredentials): Promise<unknown> {
  const client = new WorkOrderService(`127.0.0.1:${grpcPort}`, credentials);
  const metadata = new grpc.Metadata();
  metadata.set('x-api-key', ACME_KEY);
  return new Promise((done, fail) =>
    client.List({ tenant: 'acme' }, metadata, { deadline: Date.now() + 5000 }, (error, response) => {
      client.close();
      if (error) fail(error);
      else done(response);
    }),
  );
}

describe('security: gRPC requires mutual TLS outside dev', () => {
  const figures: Record<string, string> = {};

  it('refuses to start in prod without a client CA (GRPC_TLS_CA), naming the variable', async () => {
    const { GRPC_TLS_CA: _ca, ...withoutCa } = prodEnv(await freePort());
    let log = '';
    await expect(
      startService('maintenance', withoutCa, { label: 'maintenance-no-ca' }).catch((error: Error) => {
        // startService: "maintenance exited with code 1; see <log file>"
        const logFile = /see (\S+)$/.exec(error.message)?.[1];
        if (logFile) log = readFileSync(logFile, 'utf8');
        throw error;
      }),
    ).rejects.toThrow(/exited with code 1/);
    expect(log).toContain('GRPC_TLS_CA');
    figures['prod without GRPC_TLS_CA'] = 'refused to start';
  });

  it('refuses plaintext, TLS without a client certificate and a certificate from another CA; serves a certificate from the trusted CA', async () => {
    const refusals: [string, grpc.ChannelCredentials][] = [
      ['plaintext', grpc.credentials.createInsecure()],
      ['no client certificate', grpc.credentials.createSsl(certificates.file('ca.crt'))],
      ['certificate from another CA', grpc.credentials.createSsl(certificates.file('ca.crt'), certificates.file('intruder.key'), certificates.file('intruder.crt'))],
    ];
    for (const [what, credentials] of refusals) {
      await expect(list(credentials)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
      figures[what] = 'refused';
    }
    const trusted = grpc.credentials.createSsl(certificates.file('ca.crt'), certificates.file('erp.key'), certificates.file('erp.crt'));
    await expect(list(trusted)).resolves.toMatchObject({ workOrders: [] });
    figures['certificate from the trusted CA'] = 'served';
    recordFaultResult({ scenario: 'grpc-mtls', group: 'security', passed: true, figures });
  });
});
