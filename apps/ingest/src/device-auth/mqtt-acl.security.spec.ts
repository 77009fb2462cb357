import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { deadLetterTopic, DeadLetter, TelemetryRecorded, topicName } from '@fleettwin/contracts';
import { mintDeviceToken, parseDeviceKeys, signingKey } from '@fleettwin/device-auth';
import {
  freePort,
  isolatedEnvironment,
  readTopic,
  recordFaultResult,
  startService,
  waitFor,
  WORKSPACE_ROOT,
  type RunningService,
  type TestEnvironment,
} from '@fleettwin/testing';

// Per-device MQTT credentials end to end: the registry (twin-state) → `fleettwin mqtt-credentials` →
// a dedicated Mosquitto (allow_anonymous false, password file, ACL) on a free port → ingest with its
// service account. The machine's shared broker on 1883 is never touched.

let env: TestEnvironment;
let twinState: RunningService;
let ingest: RunningService;
let broker: ChildProcess;
let brokerUrl: string;
let dir: string;
const clients: MqttClient[] = [];
const keys = parseDeviceKeys(`k1:${randomBytes(32).toString('base64')}`);
const token = (assetId: string) => mintDeviceToken(signingKey(keys), 'acme', assetId);
const figures: Record<string, number | string> = {};
/** Each test counts itself at its end, so the summary says passed only when every assertion held. */
let testsPassed = 0;

const details = (over: Record<string, unknown>) => ({
  tenant: 'acme', model: 'CFM56', variant: '7B26', serial: 'SN-1', buildBatch: 'B03',
  environment: { climate: 'temperate', route: 'short-haul', tags: [] }, inServiceDate: '2019-05-01', ...over,
});

async function register(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${twinState.url}/v1/assets`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-actor': 'security-spec' }, body: JSON.stringify(details(body)) });
  expect(res.status).toBe(201);
}

async function startBroker(conf: string, port: number): Promise<ChildProcess> {
  const log = createWriteStream(join(dir, 'mosquitto.log'));
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}; see ${join(dir, 'mosquitto.log')}`);
    return new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
  }, { timeoutMs: 10000, intervalMs: 100, what: 'the dedicated mosquitto to listen' });
  return child;
}

async function client(options: IClientOptions): Promise<MqttClient> {
  const c = await mqtt.connectAsync(brokerUrl, { protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5000, clientId: `sec-${randomBytes(4).toString('hex')}`, ...options });
  clients.push(c);
  return c;
}

/** The CONNACK reason code a refused CONNECT got (MQTT 5: 134 bad user name or password, 135 not authorized). */
async function refusedConnect(options: IClientOptions): Promise<number> {
  try {
    await client(options);
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
  return 0;
}

const telemetry = (seq: number, egt: number, ts = new Date().toISOString()) => JSON.stringify({ ts, seq, readings: { egt } });

beforeAll(async () => {
  env = await isolatedEnvironment('mqttacl');
  dir = mkdtempSync(join(WORKSPACE_ROOT, 'tmp', 'security-mqtt-'));
  mkdirSync(dir, { recursive: true });
  // Secrets as an operator would hold them: mounted files generated now, never in the repository.
  writeFileSync(join(dir, 'device-keys'), `k1:${keys[0]?.secret.toString('base64')}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'ingest.password'), `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
  writeFileSync(join(dir, 'twin-state.password'), `${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });

  twinState = await startService('twin-state', env.env);
  await register({ assetId: 'FLEET-S', kind: 'fleet' });
  for (const id of ['ESN-A', 'ESN-B', 'ESN-RETIRED']) await register({ assetId: id, kind: 'engine', parentId: 'FLEET-S', serial: id });
  const retire = await fetch(`${twinState.url}/v1/assets/ESN-RETIRED/retire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant: 'acme', reason: 'scrapped' }) });
  expect(retire.status).toBe(200);

  const cli = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/cli/src/main.ts', 'mqtt-credentials',
    '--registry-url', twinState.url, '--kinds', 'engine', '--topic-root', env.mqttRoot, '--out-dir', dir,
    '--keys-file', join(dir, 'device-keys'), '--ingest-password-file', join(dir, 'ingest.password'), '--twin-state-password-file', join(dir, 'twin-state.password')], {
    cwd: WORKSPACE_ROOT, encoding: 'utf8', env: { ...process.env, SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json') },
  });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(0);
  expect(cli.stdout).toMatch(/2 device\(s\)/);

  const port = await freePort();
  brokerUrl = `mqtt://127.0.0.1:${port}`;
  const template = readFileSync(join(WORKSPACE_ROOT, 'tools/mosquitto/fleettwin.conf.template'), 'utf8');
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, template.replace('{{PORT}}', String(port)).replace('{{BIND_ADDRESS}}', '127.0.0.1')
    .replace('{{PASSWORD_FILE}}', join(dir, 'passwd')).replace('{{ACL_FILE}}', join(dir, 'acl'))
    // Started as root, mosquitto drops to the `mosquitto` user, which cannot read this owner-only temp directory.
    + (process.getuid?.() === 0 ? 'user root\n' : ''));
  broker = await startBroker(conf, port);

  ingest = await startService('ingest', {
    ...env.env,
    MQTT_URL: brokerUrl,
    MQTT_USERNAME: 'fleettwin-ingest',
    MQTT_PASSWORD_FILE: join(dir, 'ingest.password'),
    REPLAY_POLICY: 'reject',
    TELEMETRY_MAX_AGE_SECONDS: '86400',
    TELEMETRY_MAX_FUTURE_SECONDS: '300',
  }, { label: 'ingest-mqtt-acl' });
}, 120000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  await Promise.all([ingest?.stop(), twinState?.stop()]);
  if (broker && broker.exitCode === null) {
    const exited = new Promise((resolve) => broker.once('exit', resolve));
    broker.kill('SIGTERM');
    await exited;
  }
  recordFaultResult({ scenario: 'mqtt-device-credentials', group: 'security', passed: testsPassed === 5, figures });
});

describe('per-device MQTT credentials from the registry', () => {
  it('generated an account and ACL for each active engine only, and no secret in clear', () => {
    const passwd = readFileSync(join(dir, 'passwd'), 'utf8');
    expect(passwd.trim().split('\n').map((l) => l.split(':')[0])).toEqual(['fleettwin-ingest', 'fleettwin-twin-state', 'acme.ESN-A', 'acme.ESN-B']);
    expect(passwd).not.toContain(token('ESN-A'));
    expect(readFileSync(join(dir, 'acl'), 'utf8')).toContain(`user acme.ESN-A\ntopic write ${env.mqttRoot}/acme/ESN-A/telemetry\n`);
    figures.devicesInAcl = 2;
    testsPassed += 1;
  });

  it('refuses a wrong password, another device\'s token, a retired device and no credentials at CONNECT', async () => {
    const codes = {
      wrongPassword: await refusedConnect({ username: 'acme.ESN-A', password: 'not-the-token' }),
      otherDevicesToken: await refusedConnect({ username: 'acme.ESN-A', password: token('ESN-B') }),
      retired: await refusedConnect({ username: 'acme.ESN-RETIRED', password: token('ESN-RETIRED') }),
      anonymous: await refusedConnect({}),
    };
    for (const code of Object.values(codes)) expect([134, 135]).toContain(code);
    Object.assign(figures, Object.fromEntries(Object.entries(codes).map(([k, v]) => [`connack_${k}`, v])));
    testsPassed += 1;
  });

  it('delivers a device\'s frame on its own topic to ingest, and never one it publishes on another device\'s topic', async () => {
    const observer = await client({ username: 'fleettwin-ingest', password: readFileSync(join(dir, 'ingest.password'), 'utf8').trim() });
    const seen: string[] = [];
    observer.on('message', (topic) => seen.push(topic));
    await observer.subscribeAsync(`${env.mqttRoot}/+/+/telemetry`, { qos: 1 });

    const deviceA = await client({ username: 'acme.ESN-A', password: token('ESN-A') });
    const deviceB = await client({ username: 'acme.ESN-B', password: token('ESN-B') });
    await deviceA.publishAsync(`${env.mqttRoot}/acme/ESN-A/telemetry`, telemetry(1, 640), { qos: 1 });
    const forged = await deviceA.publishAsync(`${env.mqttRoot}/acme/ESN-B/telemetry`, telemetry(1, 999), { qos: 1 }).then(() => 'acknowledged', (e: Error) => e.message);
    await deviceB.publishAsync(`${env.mqttRoot}/acme/ESN-B/telemetry`, telemetry(1, 650), { qos: 1 });

    const records = await readTopic(env.kafkaBrokers, topicName('telemetry', env.namespace), 2, 15000, 2000);
    const frames = records.map((r) => TelemetryRecorded.parse(JSON.parse(r.value?.toString() ?? '')));
    expect(frames.map((f) => [f.assetId, f.seq, f.readings.egt, f.source]).sort()).toEqual([['ESN-A', 1, 640, 'mqtt'], ['ESN-B', 1, 650, 'mqtt']]);
    expect(seen.sort()).toEqual([`${env.mqttRoot}/acme/ESN-A/telemetry`, `${env.mqttRoot}/acme/ESN-B/telemetry`]);
    // A device cannot read another's telemetry either.
    figures.acceptedOwnTopic = frames.filter((f) => f.assetId === 'ESN-A').length;
    figures.deliveredFromForeignTopic = frames.filter((f) => f.readings.egt === 999).length;
    figures.foreignPublishAnswer = forged;
    testsPassed += 1;
  });

  it('lets twin-state\'s account send commands, and each device read only its own', async () => {
    const twinState = await client({ username: 'fleettwin-twin-state', password: readFileSync(join(dir, 'twin-state.password'), 'utf8').trim() });
    const received: Record<string, string[]> = { a: [], b: [] };
    const deviceA = await client({ username: 'acme.ESN-A', password: token('ESN-A') });
    const deviceB = await client({ username: 'acme.ESN-B', password: token('ESN-B') });
    deviceA.on('message', (topic) => received.a?.push(topic));
    deviceB.on('message', (topic) => received.b?.push(topic));
    await deviceA.subscribeAsync(`${env.mqttRoot}/acme/ESN-A/commands`, { qos: 1 });
    const snooping = await deviceB.subscribeAsync(`${env.mqttRoot}/acme/ESN-A/commands`, { qos: 1 });
    await twinState.publishAsync(`${env.mqttRoot}/acme/ESN-A/commands`, JSON.stringify({ commandId: 'c-1' }), { qos: 1 });
    const deviceSends = await deviceB.publishAsync(`${env.mqttRoot}/acme/ESN-A/commands`, JSON.stringify({ commandId: 'forged' }), { qos: 1 }).then(() => 'acknowledged', (e: Error) => e.message);
    await waitFor(() => (received.a?.length ?? 0) >= 1, { timeoutMs: 5000, what: 'the command at device A' });
    await new Promise((r) => setTimeout(r, 500));
    expect(received).toEqual({ a: [`${env.mqttRoot}/acme/ESN-A/commands`], b: [] });
    // Mosquitto 2.0 may grant the SUBSCRIBE and enforce the read ACL on delivery instead: what matters is that B got nothing.
    figures.snoopSubscribeGranted = snooping.map((g) => g.qos).join(',');
    expect(deviceSends).toBe('Publish error: Not authorized');
    figures.commandsToOwnDevice = received.a?.length ?? 0;
    figures.commandsSnooped = received.b?.length ?? 0;
    testsPassed += 1;
  });

  it('sends a replayed seq and a frame outside the time window to the dead-letter topic with the reason', async () => {
    const deviceA = await client({ username: 'acme.ESN-A', password: token('ESN-A') });
    await deviceA.publishAsync(`${env.mqttRoot}/acme/ESN-A/telemetry`, telemetry(1, 641), { qos: 1 });
    await deviceA.publishAsync(`${env.mqttRoot}/acme/ESN-A/telemetry`, telemetry(2, 642, '2020-01-01T00:00:00Z'), { qos: 1 });
    await deviceA.publishAsync(`${env.mqttRoot}/acme/ESN-A/telemetry`, telemetry(3, 643, new Date(Date.now() + 3_600_000).toISOString()), { qos: 1 });
    const letters = (await readTopic(env.kafkaBrokers, deadLetterTopic(topicName('telemetry', env.namespace)), 3, 15000, 1000))
      .map((m) => DeadLetter.parse(JSON.parse(m.value?.toString() ?? '')));
    expect(letters.map((l) => l.reason).sort()).toEqual([
      expect.stringMatching(/^seq: seq 1 of ESN-A was already seen \(last accepted 1\)$/),
      expect.stringMatching(/^ts: ts 2020-01-01T00:00:00Z is \d+ s old \(at most 86400 s allowed\)$/),
      expect.stringMatching(/^ts: ts .* is \d+ s ahead of the server clock \(at most 300 s allowed\)$/),
    ]);
    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
    expect(metrics).toContain('fleettwin_ingest_rejections_total{reason="replayed-seq"} 1');
    expect(metrics).toContain('fleettwin_ingest_rejections_total{reason="timestamp-out-of-window"} 2');
    figures.mqttReplaysToDlq = letters.length;
    testsPassed += 1;
  });
});
