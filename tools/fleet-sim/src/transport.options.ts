import { readFileSync } from 'node:fs';
import { MAX_FRAMES_PER_BATCH } from '@fleettwin/contracts';
import { parseDeviceKeys } from '@fleettwin/device-auth';
import { DEFAULT_TOPIC_ROOT } from '@fleettwin/simulator';
import { int, text, UsageError, type OptionSpec, type ParsedValues } from './cli-args';
import { HttpTransport } from './http.transport';
import { MqttTransport } from './mqtt.transport';
import type { Transport } from './transport';

export const TRANSPORT_OPTIONS: OptionSpec = {
  transport: { type: 'string' },
  'mqtt-url': { type: 'string' },
  'topic-root': { type: 'string' },
  qos: { type: 'string' },
  connections: { type: 'string' },
  'http-url': { type: 'string' },
  'batch-size': { type: 'string' },
  'http-concurrency': { type: 'string' },
  'device-keys-file': { type: 'string' },
};

/** Builds the transport the flags ask for; `engines` sizes the MQTT connection pool. */
export function transportFrom(values: ParsedValues, engines: number, clientIdPrefix: string): Transport {
  const kind = text(values, 'transport', 'mqtt');
  if (kind === 'mqtt') {
    const qos = int(values, 'qos', 1, 0, 1) as 0 | 1;
    const root = text(values, 'topic-root', DEFAULT_TOPIC_ROOT);
    if (!/^[A-Za-z0-9_-]+$/.test(root)) throw new UsageError('--topic-root must be one MQTT topic level: letters, digits, "_" or "-"');
    // One connection per ~2,500 engines keeps each socket's PUBACK stream short without many clients.
    const connections = int(values, 'connections', Math.min(8, Math.max(1, Math.ceil(engines / 2500))), 1, 64);
    return new MqttTransport({ url: text(values, 'mqtt-url', 'mqtt://127.0.0.1:1883'), topicRoot: root, qos, connections, clientIdPrefix });
  }
  if (kind === 'http') {
    return new HttpTransport({
      url: text(values, 'http-url', 'http://127.0.0.1:3001'),
      batchSize: int(values, 'batch-size', MAX_FRAMES_PER_BATCH, 1, MAX_FRAMES_PER_BATCH),
      concurrency: int(values, 'http-concurrency', 4, 1, 64),
      lingerMs: 200,
      ...deviceKeys(values),
    });
  }
  throw new UsageError(`--transport must be mqtt or http, got "${kind}"`);
}

/** `--device-keys-file` (else DEVICE_TOKEN_KEYS_FILE): ingest's device-token keys, so HTTP requests carry each engine's token. */
function deviceKeys(values: ParsedValues): { deviceKeys?: ReturnType<typeof parseDeviceKeys> } {
  const file = text(values, 'device-keys-file', process.env.DEVICE_TOKEN_KEYS_FILE ?? '');
  if (!file) return {};
  try {
    return { deviceKeys: parseDeviceKeys(readFileSync(file, 'utf8')) };
  } catch (error) {
    throw new UsageError(`--device-keys-file: ${(error as Error).message}`);
  }
}
