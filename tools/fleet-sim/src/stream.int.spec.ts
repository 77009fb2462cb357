import { spawn } from 'node:child_process';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';

const MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const ENGINES = 10_000;
const DURATION_S = 10;
const EXPECTED = ENGINES * DURATION_S;
const GRACE_MS = 8_000;
const REPO = join(__dirname, '..', '..', '..');

interface Received {
  frames: number;
  outOfOrder: number;
  lastSeq: Map<string, number>;
}

/** Counts frames per asset on `{root}/+/+/telemetry` and checks each asset's seq only goes up. */
async function subscribe(root: string): Promise<{ client: MqttClient; received: Received }> {
  const client = await mqtt.connectAsync(MQTT_URL, { clientId: `fleet-sim-int-${process.pid}`, clean: true });
  const received: Received = { frames: 0, outOfOrder: 0, lastSeq: new Map() };
  client.on('message', (topic, payload) => {
    const assetId = topic.split('/')[2];
    const { seq } = JSON.parse(payload.toString()) as { seq: number };
    const previous = received.lastSeq.get(assetId);
    if (previous !== undefined && seq <= previous) received.outOfOrder++;
    received.lastSeq.set(assetId, seq);
    received.frames++;
  });
  // QoS 0 for the observer: the broker's per-client QoS 1 queue (1,000 messages) would drop at 10k/s.
  await client.subscribeAsync(`${root}/+/+/telemetry`, { qos: 0 });
  return { client, received };
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/fleet-sim/src/main.ts', ...args], { cwd: REPO, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('fleet-sim stream over MQTT (real Mosquitto)', () => {
  it('given 10,000 engines at 1 frame/s for 10 s, then ≥ 95% of 100,000 frames arrive in order per engine', async () => {
    const root = `simint${Date.now().toString(36)}${process.pid}`;
    const { client, received } = await subscribe(root);
    try {
      const startedAt = Date.now();
      const run = await runCli(['stream', '--engines', String(ENGINES), '--tenants', '5', '--rate', '1', '--duration', String(DURATION_S), '--transport', 'mqtt', '--mqtt-url', MQTT_URL, '--topic-root', root, '--seed', '1', '--seq-start', '0']);
      expect(run.stderr).not.toContain('"event":"error"');
      expect(run.code).toBe(0);
      const deadline = startedAt + DURATION_S * 1000 + GRACE_MS + 5_000; // + CLI start-up (compiling TS)
      while (received.frames < EXPECTED && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

      const summary = JSON.parse(run.stdout.trim().split('\n').pop() as string) as { event: string; sent: number; acknowledged: number; errors: number };
      expect(summary).toMatchObject({ event: 'summary', sent: EXPECTED, errors: 0 });
      expect(received.frames).toBeGreaterThanOrEqual(0.95 * EXPECTED);
      expect(received.lastSeq.size).toBe(ENGINES);
      expect(received.outOfOrder).toBe(0);
    } finally {
      await client.endAsync();
    }
  }, 60_000);
});
