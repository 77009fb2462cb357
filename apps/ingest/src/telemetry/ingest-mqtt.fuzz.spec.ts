import fc from 'fast-check';
import mqtt, { type MqttClient } from 'mqtt';
import { deadLetterTopic, DeadLetter, type FieldIssue, MqttTelemetryPayload, TelemetryFrame, topicName, type MqttTelemetryPayload as Payload } from '@fleettwin/contracts';
import {
  fuzzFigures,
  garbageBody,
  hostileString,
  isolatedEnvironment,
  mutationOf,
  PropertyBroken,
  readTopic,
  recordFaultResult,
  runPureFuzz,
  startService,
  withRawToken,
  type RunningService,
  type TestEnvironment,
} from '@fleettwin/testing';
import { decodeMqttPayload } from './mqtt-payload';
import { parseTelemetryTopic } from './mqtt-topic';

/**
 * MQTT telemetry: the pure decoders (topic + payload) under 10,000 generated messages, then a sample
 * published for real through Mosquitto to the ingest service, where every bad message must land on the
 * dead-letter topic once with a reason and every good one on the telemetry topic.
 */
const PURE_CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const REAL_CASES = 1000;
const ROOT = 'fleet';

const payloadArb: fc.Arbitrary<Payload> = fc.record({
  ts: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  seq: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  readings: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), { minKeys: 1, maxKeys: 6 }),
});

type Message = { topicAsset: string; topicTenant: string; bytes: Buffer; field?: string; kind: string };

const assetArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/);
const messageArb: fc.Arbitrary<Message> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(assetArb, payloadArb).map(([a, p]): Message => ({ topicTenant: 'acme', topicAsset: a, bytes: Buffer.from(JSON.stringify(p)), kind: 'valid' })) },
  { weight: 5, arbitrary: fc.tuple(assetArb, mutationOf(payloadArb)).map(([a, m]): Message => ({ topicTenant: 'acme', topicAsset: a, bytes: Buffer.from(withRawToken(m.value)), field: m.field, kind: `mutated:${m.mutation}` })) },
  { weight: 2, arbitrary: fc.tuple(assetArb, garbageBody()).map(([a, bytes]): Message => ({ topicTenant: 'acme', topicAsset: a, bytes, kind: 'garbage' })) },
  { weight: 2, arbitrary: fc.tuple(hostileString(), fc.oneof(fc.constant('acme'), hostileString()), payloadArb).map(([a, t, p]): Message => ({ topicTenant: t, topicAsset: a, bytes: Buffer.from(JSON.stringify(p)), kind: 'hostile-topic' })) },
);

function contractAccepts(m: Message): boolean {
  let json: unknown;
  try {
    json = JSON.parse(m.bytes.toString('utf8'));
  } catch {
    return false;
  }
  return MqttTelemetryPayload.safeParse(json).success && parseTelemetryTopic(`${ROOT}/${m.topicTenant}/${m.topicAsset}/telemetry`, ROOT).ok;
}

describe('fuzz: MQTT telemetry decoders (pure)', () => {
  it(`decodes ${PURE_CASES} generated topic + payload pairs without throwing: a frame or a reason naming the field`, () => {
    const stats = runPureFuzz(messageArb, PURE_CASES, (m) => {
      const topic = `${ROOT}/${m.topicTenant}/${m.topicAsset}/telemetry`;
      const address = parseTelemetryTopic(topic, ROOT);
      const decoded = address.ok ? decodeMqttPayload(m.bytes, address.tenant, address.assetId) : address;
      if (decoded.ok) {
        if (!contractAccepts(m) || !TelemetryFrame.safeParse(decoded.frame).success) throw new PropertyBroken(`decoded a frame the contract refuses: ${topic} ${m.bytes.toString()}`);
        return ['outcome:frame', `kind:${m.kind.split(':')[0]}`];
      }
      if (!decoded.reason) throw new PropertyBroken(`a refusal without a reason: ${topic}`);
      if (contractAccepts(m)) throw new PropertyBroken(`refused a valid message (${decoded.reason}): ${topic} ${m.bytes.toString()}`);
      const field = m.field;
      if (address.ok && !decoded.ok && field !== undefined && field !== '' && !/not valid JSON/.test(decoded.reason)) {
        const details = (decoded as { details?: FieldIssue[] }).details;
        const named = details?.some((d) => d.path === field || field.startsWith(`${d.path}.`) || d.path.startsWith(`${field}.`)) ?? false;
        if (!named) throw new PropertyBroken(`the reason must name ${field}: ${decoded.reason} ${JSON.stringify(details)}`);
      }
      return ['outcome:dead-letter', `kind:${m.kind.split(':')[0]}`];
    });
    expect(stats.cases).toBe(PURE_CASES);
    recordFaultResult({ scenario: 'fuzz-mqtt-ingest-decoder', group: 'fuzz', passed: true, figures: fuzzFigures(stats, { path: 'pure: parseTelemetryTopic + decodeMqttPayload' }) });
  }, 300_000);
});

/**
 * What an MQTT client can put in a topic at all: no wildcards or separators, well-formed UTF-8 without
 * control characters or noncharacters (Mosquitto disconnects a client that sends them), not too long.
 */
function sendable(level: string): boolean {
  return !/[\p{Cs}\p{Noncharacter_Code_Point}]/u.test(level) && !/[+#/\p{Cc}]/u.test(level) && Buffer.byteLength(level) < 1000;
}

describe('fuzz: MQTT telemetry through Mosquitto to ingest (real)', () => {
  let env: TestEnvironment;
  let ingest: RunningService;
  let device: MqttClient;

  beforeAll(async () => {
    env = await isolatedEnvironment('fuzzmqtt');
    ingest = await startService('ingest', { ...env.env, LOG_LEVEL: 'error' });
    device = await mqtt.connectAsync(env.mqttUrl, { clientId: `fuzz-device-${env.mqttRoot}` });
  });

  afterAll(async () => {
    await device?.endAsync();
    await ingest?.stop();
  });

  it(`publishes ${REAL_CASES} generated messages: each bad one lands on the DLQ once with a reason, each good one on the telemetry topic`, async () => {
    const started = Date.now();
    // Unique assets per message, so every record can be matched to what was sent; topics MQTT itself refuses (wildcards, NUL) are not sent.
    const sent = fc.sample(messageArb, { numRuns: REAL_CASES * 2, seed: Number(process.env.FUZZ_SEED ?? 4242) })
      .filter((m) => sendable(m.topicAsset + m.topicTenant))
      .slice(0, REAL_CASES)
      .map((m, i) => ({ ...m, topicAsset: `MQ${i}-${m.topicAsset}` }));
    const topicOf = (m: Message) => `${env.mqttRoot}/${m.topicTenant}/${m.topicAsset}/telemetry`;
    // A few in flight at a time: a burst beyond Mosquitto's per-subscriber queue (max_queued_messages, 1000) would be dropped by the broker.
    for (let i = 0; i < sent.length; i += 8) await Promise.all(sent.slice(i, i + 8).map((m) => device.publishAsync(topicOf(m), m.bytes, { qos: 1 })));

    const valid = sent.filter((m) => {
      let json: unknown;
      try { json = JSON.parse(m.bytes.toString('utf8')); } catch { return false; }
      return MqttTelemetryPayload.safeParse(json).success && parseTelemetryTopic(topicOf(m), env.mqttRoot).ok;
    });
    const bad = sent.length - valid.length;
    const telemetry = topicName('telemetry', env.namespace);
    const [accepted, letters] = await Promise.all([readTopic(env.kafkaBrokers, telemetry, valid.length, 60000, 1500), readTopic(env.kafkaBrokers, deadLetterTopic(telemetry), bad, 60000, 1500)]);
    expect(accepted).toHaveLength(valid.length);
    expect(letters).toHaveLength(bad);
    const decoded = letters.map((l) => DeadLetter.parse(JSON.parse(l.value?.toString() ?? '')));
    expect(decoded.every((d) => d.reason.length > 0)).toBe(true);
    // One letter per bad message: the origin topic and the original bytes identify it.
    const expected = sent.filter((m) => !valid.includes(m)).map((m) => `mqtt:${topicOf(m)}|${m.bytes.toString('base64')}`).sort();
    expect(decoded.map((d) => `${d.origin}|${d.originalBase64}`).sort()).toEqual(expected);
    expect((await fetch(`${ingest.url}/health`)).status).toBe(200);
    recordFaultResult({
      scenario: 'fuzz-mqtt-ingest-real',
      group: 'fuzz',
      passed: true,
      figures: { cases: sent.length, valid: valid.length, 'dead-lettered': letters.length, 'telemetry-records': accepted.length, ms: Date.now() - started, path: 'real MQTT (Mosquitto) → ingest → Kafka/DLQ' },
    });
  }, 300_000);
});
