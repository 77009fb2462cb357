import mqtt, { type MqttClient } from 'mqtt';
import { DeadLetter, deadLetterTopic, topicName, type ApiErrorBody, type TwinView } from '@fleettwin/contracts';
import { isolatedEnvironment, jsonBody, readTopic, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';

let env: TestEnvironment;
let ingest: RunningService;
let twinState: RunningService;
let device: MqttClient;
const received: { topic: string; body: { commandId: string; name: string; parameters: Record<string, unknown> } }[] = [];

beforeAll(async () => {
  env = await isolatedEnvironment('commands');
  [ingest, twinState] = await Promise.all([startService('ingest', env.env), startService('twin-state', { ...env.env, COMMAND_SWEEP_MS: '200' })]);
  device = await mqtt.connectAsync(env.mqttUrl, { clientId: `test-device-${env.mqttRoot}` });
  await device.subscribeAsync(`${env.mqttRoot}/acme/+/commands`, { qos: 1 });
  device.on('message', (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString()) }));
  for (const assetId of ['ESN-CMD-1', 'ESN-CMD-2']) {
    const res = await fetch(`${ingest.url}/v1/telemetry`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'acme', assetId, ts: '2026-04-01T00:00:00Z', seq: 1, readings: { egt: 620 } }),
    });
    expect(res.status).toBe(202);
  }
  await waitFor(async () => (await fetch(`${twinState.url}/v1/twins/ESN-CMD-2`)).status === 200, { what: 'twins exist' });
});

afterAll(async () => {
  await device?.endAsync();
  await Promise.all([ingest?.stop(), twinState?.stop()]);
});

const twin = async (assetId: string) => jsonBody<TwinView>(await fetch(`${twinState.url}/v1/twins/${assetId}`));
const issue = (assetId: string, body: unknown) =>
  fetch(`${twinState.url}/v1/twins/${assetId}/commands`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-actor': 'planner@acme' }, body: JSON.stringify(body) });

describe('commands to the asset over MQTT', () => {
  it('round-trips a command: desired state, MQTT delivery, acknowledgement, reported state', async () => {
    const res = await issue('ESN-CMD-1', { kind: 'parameters', name: 'derate', parameters: { thrustDerate: 0.08 }, timeoutSeconds: 30 });
    expect(res.status).toBe(202);
    const issued = await jsonBody<{ commandId: string; status: string; issuedBy: string }>(res);
    expect(issued).toMatchObject({ status: 'pending', issuedBy: 'planner@acme' });

    const pending = await twin('ESN-CMD-1');
    expect(pending.desired).toEqual({ thrustDerate: 0.08 });
    expect(pending.commands.pending.map((c) => c.commandId)).toEqual([issued.commandId]);

    await waitFor(() => received.some((m) => m.body.commandId === issued.commandId), { what: 'the device to receive the command' });
    const message = received.find((m) => m.body.commandId === issued.commandId);
    expect(message?.topic).toBe(`${env.mqttRoot}/acme/ESN-CMD-1/commands`);
    expect(message?.body).toMatchObject({ name: 'derate', parameters: { thrustDerate: 0.08 } });

    await device.publishAsync(`${env.mqttRoot}/acme/ESN-CMD-1/commands/ack`, JSON.stringify({ commandId: issued.commandId, status: 'accepted', reported: { thrustDerate: 0.08 } }), { qos: 1 });
    await waitFor(async () => (await twin('ESN-CMD-1')).commands.pending.length === 0, { what: 'the acknowledgement to settle the command' });
    const settled = await twin('ESN-CMD-1');
    expect(settled.reported).toEqual({ thrustDerate: 0.08 });
    expect(settled.commands.recent[0]).toMatchObject({ commandId: issued.commandId, status: 'accepted' });
  });

  it('times out a command the device never answers, visibly', async () => {
    const res = await issue('ESN-CMD-2', { kind: 'maintenance', name: 'borescope-inspection', timeoutSeconds: 1 });
    const { commandId } = await jsonBody<{ commandId: string }>(res);
    expect((await twin('ESN-CMD-2')).commands.pending).toHaveLength(1);
    await waitFor(async () => (await twin('ESN-CMD-2')).commands.recent.some((c) => c.commandId === commandId && c.status === 'timed-out'), {
      timeoutMs: 5000,
      what: 'the command to time out',
    });
    expect((await twin('ESN-CMD-2')).commands.pending).toHaveLength(0);
  });

  it('refuses bad commands (400), unknown twins (404) and repeated command ids (409)', async () => {
    const bad = await issue('ESN-CMD-1', { kind: 'launch-missiles', name: 'x' });
    expect(bad.status).toBe(400);
    expect((await jsonBody<ApiErrorBody>(bad)).error.details?.[0]?.path).toBe('kind');
    expect((await issue('ESN-NOPE', { kind: 'maintenance', name: 'inspect' })).status).toBe(404);
    expect((await issue('ESN-CMD-1', { commandId: 'fixed-1', kind: 'maintenance', name: 'inspect' })).status).toBe(202);
    const again = await issue('ESN-CMD-1', { commandId: 'fixed-1', kind: 'maintenance', name: 'inspect' });
    expect(again.status).toBe(409);
    expect((await jsonBody<ApiErrorBody>(again)).error.code).toBe('COMMAND_EXISTS');
  });

  it('dead-letters acknowledgements that are unreadable or name no pending command', async () => {
    await device.publishAsync(`${env.mqttRoot}/acme/ESN-CMD-1/commands/ack`, '{oops', { qos: 1 });
    await device.publishAsync(`${env.mqttRoot}/acme/ESN-CMD-1/commands/ack`, JSON.stringify({ commandId: 'never-issued', status: 'accepted' }), { qos: 1 });
    const letters = await readTopic(env.kafkaBrokers, deadLetterTopic(topicName('twinEvents', env.namespace)), 2, 15000);
    const reasons = letters.map((m) => DeadLetter.parse(JSON.parse(m.value?.toString() ?? '')).reason);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/not valid JSON/), expect.stringMatching(/COMMAND_NOT_FOUND/)]));
  });
});
