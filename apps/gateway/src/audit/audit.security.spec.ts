import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import mqtt from 'mqtt';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { AuditTrail, type AuditRecord } from '@fleettwin/audit';
import type { GatewayRole } from '@fleettwin/contracts';
import { jsonBody, recordFaultResult, serviceDatabaseUrl, waitFor, type RunningService } from '@fleettwin/testing';
import { publishRiskyPrediction, registerFleetAsset, sendFrame, startFleet, startGateway, token, type Fleet } from '../fixtures/gateway-fixture';

// The audit trail end to end: mutations through the gateway (HTTP → twin-state, HTTP → maintenance gRPC)
// and straight from an ERP gRPC client land in each service's append-only, hash-chained audit_log.

const PROTO = resolve(__dirname, '../../../../libs/contracts/proto/fleettwin/maintenance/v1/maintenance.proto');
type Unary = (request: object, metadata: grpc.Metadata, callback: (error: grpc.ServiceError | null, response: unknown) => void) => void;
type WorkOrderStub = grpc.Client & Record<'Schedule' | 'Get', Unary>;

let fleet: Fleet;
let gateway: RunningService;
let gatewayDb: Pool;
let erp: WorkOrderStub;
let workOrderId = '';
const figures: Record<string, number | string> = {};
let testsPassed = 0;

interface AuditPage { service: string; records: AuditRecord[] }

async function as(role: GatewayRole, sub: string, method: string, path: string, body?: unknown, tenant = 'acme'): Promise<Response> {
  return fetch(`${gateway.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(tenant, [role], { sub })}`, 'x-request-id': `audit-${sub}-${method}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function audit(service: string, tenant = 'acme'): Promise<AuditRecord[]> {
  const res = await as('admin', `${tenant}-auditor`, 'GET', `/v1/audit?service=${service}&limit=1000`, undefined, tenant);
  expect(res.status).toBe(200);
  return (await jsonBody<AuditPage>(res)).records;
}

function erpCall(method: 'Schedule' | 'Get', request: object, apiKey: string): Promise<{ error: grpc.ServiceError | null }> {
  const metadata = new grpc.Metadata();
  metadata.set('x-api-key', apiKey);
  metadata.set('x-request-id', `erp-${method}`);
  return new Promise((done) => erp[method](request, metadata, (error) => done({ error })));
}

beforeAll(async () => {
  fleet = await startFleet('audit');
  await registerFleetAsset(fleet, 'acme', 'FLEET-AUDIT');
  await sendFrame(fleet, 'acme', 'ACME-AUD1', { egt: 640 });
  await publishRiskyPrediction(fleet, 'acme', 'ACME-AUD1');
  gateway = await startGateway(fleet, { RATE_LIMIT_PER_MINUTE: '100000' });
  gatewayDb = new Pool({ connectionString: serviceDatabaseUrl(fleet.env.databaseUrl, 'gateway'), max: 2 });
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(PROTO, { keepCase: false, longs: String, enums: String, defaults: true })) as unknown as {
    fleettwin: { maintenance: { v1: { WorkOrderService: new (address: string, credentials: grpc.ChannelCredentials) => WorkOrderStub } } };
  };
  erp = new loaded.fleettwin.maintenance.v1.WorkOrderService(fleet.gatewayEnv.MAINTENANCE_GRPC_ADDRESS ?? '', grpc.credentials.createInsecure());
  await waitFor(async () => {
    const res = await as('planner', 'plan-1', 'GET', '/v1/work-orders?assetId=ACME-AUD1');
    workOrderId = (await jsonBody<{ workOrders: { id: string }[] }>(res)).workOrders[0]?.id ?? '';
    return workOrderId !== '';
  }, { timeoutMs: 30000, what: 'a work order for ACME-AUD1' });
}, 180000);

afterAll(async () => {
  erp?.close();
  await gatewayDb?.end();
  await gateway?.stop();
  await fleet?.stop();
  recordFaultResult({ scenario: 'audit-trail', group: 'security', passed: testsPassed === 4, figures });
});

describe('audit trail: who, what, when, from where', () => {
  it('records mutations through the gateway with the token\'s subject, the route, the target, the outcome, the client IP and the request id', async () => {
    const before = Date.now();
    const issued = await as('engineer', 'eng-1', 'POST', '/v1/twins/ACME-AUD1/commands', { kind: 'parameters', name: 'idle', parameters: { idle: 1 } });
    expect(issued.status).toBe(202);
    const { commandId } = await jsonBody<{ commandId: string }>(issued);
    expect((await as('planner', 'plan-1', 'POST', `/v1/work-orders/${workOrderId}/acknowledge`, {})).status).toBe(200);
    // Acknowledging twice is an illegal transition: refused calls are recorded too, with their outcome.
    expect((await as('planner', 'plan-1', 'POST', `/v1/work-orders/${workOrderId}/acknowledge`, {})).status).toBe(409);

    const rows = await audit('gateway');
    const command = rows.find((r) => r.action === 'POST /v1/twins/:id/commands');
    expect(command).toMatchObject({ service: 'gateway', tenant: 'acme', principal: { kind: 'user', id: 'eng-1' }, targetId: 'ACME-AUD1', outcome: '202', requestId: 'audit-eng-1-POST' });
    expect(command?.clientIp).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
    expect(Date.parse(command?.recordedAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    const transitions = rows.filter((r) => r.action === 'POST /v1/work-orders/:id/:action');
    expect(transitions.map((r) => [r.principal.id, r.targetId, r.outcome])).toEqual([['plan-1', workOrderId, '200'], ['plan-1', workOrderId, '409']]);
    // Reads are not audited, and another tenant's admin sees none of acme's rows.
    expect(rows.some((r) => r.action.startsWith('GET'))).toBe(false);
    expect(await audit('gateway', 'globex')).toEqual([]);

    const twinState = await audit('twin-state');
    expect(twinState.find((r) => r.action === 'POST /v1/twins/:assetId/commands')).toMatchObject({ principal: { kind: 'actor', id: 'eng-1' }, targetId: 'ACME-AUD1', outcome: '202', requestId: 'audit-eng-1-POST' });
    expect(twinState.find((r) => r.action === 'POST /v1/assets')).toMatchObject({ principal: { kind: 'actor', id: 'e2e' }, tenant: 'acme', outcome: '201' });

    // The device answers over MQTT: twin-state records the device as the principal of that change.
    const device = await mqtt.connectAsync(fleet.env.mqttUrl, { clientId: `audit-device-${fleet.env.mqttRoot}` });
    try {
      await device.publishAsync(`${fleet.env.mqttRoot}/acme/ACME-AUD1/commands/ack`, JSON.stringify({ commandId, status: 'accepted', reported: { idle: 1 } }), { qos: 1 });
    } finally {
      await device.endAsync();
    }
    await waitFor(async () => (await audit('twin-state')).some((r) => r.principal.kind === 'device'), { timeoutMs: 15000, what: 'the device acknowledgement in the audit trail' });
    expect((await audit('twin-state')).find((r) => r.principal.kind === 'device')).toMatchObject({
      principal: { kind: 'device', id: 'acme.ACME-AUD1' }, tenant: 'acme', action: `mqtt ${fleet.env.mqttRoot}/+/+/commands/ack`, targetId: commandId, outcome: 'accepted',
    });
    figures.gatewayRows = rows.length;
    figures.twinStateRows = twinState.length;
    testsPassed += 1;
  });

  it('records gRPC mutations with the caller\'s API-key fingerprint, the user it acts for and the gRPC status', async () => {
    const apiKey = /acme:([^,]+)/.exec(fleet.gatewayEnv.MAINTENANCE_GRPC_API_KEYS ?? '')?.[1] ?? '';
    const scheduled = await erpCall('Schedule', { tenant: 'acme', id: workOrderId, scheduledFor: new Date(Date.now() + 86_400_000).toISOString(), idempotencyKey: 'erp-1', actor: 'erp-batch' }, apiKey);
    expect(scheduled.error).toBeNull();
    const refused = await erpCall('Schedule', { tenant: 'acme', id: 'WO-NOPE', scheduledFor: new Date().toISOString(), idempotencyKey: 'erp-2' }, apiKey);
    expect(refused.error?.code).toBe(grpc.status.NOT_FOUND);
    await erpCall('Get', { tenant: 'acme', id: workOrderId }, apiKey);

    const rows = await audit('maintenance');
    const grpcRows = rows.filter((r) => r.action.startsWith('grpc '));
    expect(grpcRows.map((r) => [r.action.replace('grpc fleettwin.maintenance.v1.WorkOrderService/', ''), r.targetId, r.outcome, r.onBehalfOf])).toEqual([
      ['Acknowledge', workOrderId, 'OK', 'plan-1'],
      ['Acknowledge', workOrderId, 'FAILED_PRECONDITION', 'plan-1'],
      ['Schedule', workOrderId, 'OK', 'erp-batch'],
      ['Schedule', 'WO-NOPE', 'NOT_FOUND', null],
    ]);
    for (const row of grpcRows) expect(row.principal).toEqual({ kind: 'api-key', id: expect.stringMatching(/^key:[0-9a-f]{16}$/) });
    // The gateway passes its request id on, so its row and maintenance's can be joined.
    expect(grpcRows[0]?.requestId).toBe('audit-plan-1-POST');
    expect(JSON.stringify(rows)).not.toContain(apiKey);
    expect(grpcRows.find((r) => r.targetId === 'WO-NOPE')).toMatchObject({ requestId: 'erp-Schedule', clientIp: '127.0.0.1' });
    figures.maintenanceGrpcRows = grpcRows.length;
    testsPassed += 1;
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table, even to the table owner', async () => {
    const refusals = await Promise.all([
      gatewayDb.query("UPDATE audit_log SET outcome = '200'").then(() => 'allowed', (e: Error) => e.message),
      gatewayDb.query('DELETE FROM audit_log').then(() => 'allowed', (e: Error) => e.message),
      gatewayDb.query('TRUNCATE audit_log').then(() => 'allowed', (e: Error) => e.message),
    ]);
    expect(refusals).toEqual(['audit_log is append-only: UPDATE refused', 'audit_log is append-only: DELETE refused', 'audit_log is append-only: TRUNCATE refused']);
    figures.refusedWrites = refusals.length;
    testsPassed += 1;
  });

  it('detects a row a superuser altered with the trigger disabled, and names it', async () => {
    const trail = new AuditTrail(gatewayDb);
    const intact = await trail.verify();
    expect(intact).toMatchObject({ ok: true });
    const verified = await (await fetch(`${fleet.maintenance.url}/v1/audit/verify`)).json() as { ok: boolean; records: number };
    expect(verified).toMatchObject({ ok: true });

    const client = await gatewayDb.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
      await client.query("UPDATE audit_log SET principal_id = 'someone-else' WHERE seq = 2");
      await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await trail.verify()).toEqual({ ok: false, records: 1, brokenAt: 2, reason: 'seq 2 was altered: its content does not match its hash' });
    figures.rowsVerified = intact.records;
    figures.tamperDetectedAtSeq = 2;
    testsPassed += 1;
  });
});
