import mqtt, { type MqttClient } from 'mqtt';
import { deadLetterTopic, DeadLetter, topicName, type TwinView } from '@fleettwin/contracts';
import { isolatedEnvironment, jsonBody, readTopic, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';

let env: TestEnvironment;
let ingest: RunningService;
let twinState: RunningService;
let gateway: MqttClient;

beforeAll(async () => {
  env = await isolatedEnvironment('mqtt');
  [ingest, twinState] = await Promise.all([startService('ingest', env.env), startService('twin-state', env.env)]);
  gateway = await mqtt.connectAsync(env.mqttUrl, { clientId: `test-gateway-${env.mqttRoot}` });
});

afterAll(async () => {
  await gateway?.endAsync();
  await Promise.all([ingest?.stop(), twinState?.stop()]);
});

async function twin(assetId: string) {
  const res = await fetch(`${twinState.url}/v1/twins/${assetId}`);
  return { status: res.status, body: res.status === 200 ? await jsonBody<TwinView>(res) : undefined };
}

describe('MQTT telemetry from an IoT gateway', () => {
  it('shows a published reading in GET /v1/twins/{assetId} within 5 s', async () => {
    const payload = { ts: '2026-03-02T08:00:00Z', seq: 1, readings: { egt: 655.25, n1: 92.1 } };
    const sentAt = Date.now();
    await gateway.publishAsync(`${env.mqttRoot}/acme/ESN-MQTT-1/telemetry`, JSON.stringify(payload), { qos: 1 });
    await waitFor(async () => (await twin('ESN-MQTT-1')).status === 200, { timeoutMs: 5000, intervalMs: 50, what: 'the reading to reach the twin' });
    expect(Date.now() - sentAt).toBeLessThan(5000);
    expect((await twin('ESN-MQTT-1')).body).toMatchObject({
      assetId: 'ESN-MQTT-1',
      tenant: 'acme',
      frames: 1,
      lastSeq: 1,
      sensors: { egt: { value: 655.25, ts: '2026-03-02T08:00:00Z', quality: [] }, n1: { value: 92.1, quality: [] } },
    });
  });

  it('puts invalid payloads on the dead-letter topic with the reason and the original bytes', async () => {
    const bad = [
      { topic: `${env.mqttRoot}/acme/ESN-MQTT-2/telemetry`, payload: 'not json at all', reason: /not valid JSON/ },
      { topic: `${env.mqttRoot}/acme/ESN-MQTT-2/telemetry`, payload: JSON.stringify({ ts: '2026-03-02T08:00:00Z', seq: 'x', readings: { egt: 1 } }), reason: /seq/ },
      { topic: `${env.mqttRoot}/Not_A_Tenant/ESN-MQTT-2/telemetry`, payload: JSON.stringify({ ts: '2026-03-02T08:00:00Z', seq: 1, readings: { egt: 1 } }), reason: /invalid tenant/ },
    ];
    for (const b of bad) await gateway.publishAsync(b.topic, b.payload, { qos: 1 });

    const letters = await readTopic(env.kafkaBrokers, deadLetterTopic(topicName('telemetry', env.namespace)), bad.length, 15000, 500);
    expect(letters).toHaveLength(bad.length);
    const decoded = letters.map((m) => DeadLetter.parse(JSON.parse(m.value?.toString() ?? '')));
    for (const b of bad) {
      const letter = decoded.find((d) => Buffer.from(d.originalBase64, 'base64').toString() === b.payload && d.origin === `mqtt:${b.topic}`);
      expect(letter).toBeDefined();
      expect(letter?.reason).toMatch(b.reason);
      expect(letter?.source).toBe('/ingest');
    }
    expect((await twin('ESN-MQTT-2')).status).toBe(404);
  });

  it('counts a redelivered MQTT frame (same seq) once', async () => {
    const payload = JSON.stringify({ ts: '2026-03-02T09:00:00Z', seq: 10, readings: { egt: 700 } });
    await gateway.publishAsync(`${env.mqttRoot}/acme/ESN-MQTT-3/telemetry`, payload, { qos: 1 });
    await gateway.publishAsync(`${env.mqttRoot}/acme/ESN-MQTT-3/telemetry`, payload, { qos: 1 });
    await gateway.publishAsync(`${env.mqttRoot}/acme/ESN-MQTT-3/telemetry`, JSON.stringify({ ts: '2026-03-02T09:00:01Z', seq: 11, readings: { egt: 701 } }), { qos: 1 });
    await waitFor(async () => (await twin('ESN-MQTT-3')).body?.lastSeq === 11, { what: 'seq 11' });
    expect((await twin('ESN-MQTT-3')).body?.frames).toBe(2);
  });
});
