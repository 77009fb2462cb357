import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AssetView } from '@fleettwin/contracts';
import { signingKey } from '@fleettwin/device-auth';
import { deviceKeysFrom, secretFrom } from './device-keys.source';
import { mqttCredentials, serviceAccounts, type DeviceEntry } from './mqtt-credentials';

export interface MqttCredentialsOptions {
  outDir: string;
  registryUrl?: string;
  registryFile?: string;
  tenant?: string;
  kinds?: string;
  topicRoot: string;
  keyId?: string;
  keysFile?: string;
  ingestPasswordFile?: string;
  twinStatePasswordFile?: string;
  iterations: string;
}

const Registry = z.object({ assets: z.array(AssetView.pick({ tenant: true, assetId: true, kind: true, retired: true })) });

/** Reads the asset registry (twin-state's `GET /v1/assets`, or a saved copy of its answer) and writes `passwd` and `acl`. */
export async function writeMqttCredentials(options: MqttCredentialsOptions): Promise<string> {
  const keys = deviceKeysFrom(options.keysFile);
  const ingest = secretFrom(options.ingestPasswordFile, 'MQTT_INGEST_PASSWORD');
  if (!ingest) throw new Error('ingest needs a broker password: --ingest-password-file or MQTT_INGEST_PASSWORD');
  const twinState = secretFrom(options.twinStatePasswordFile, 'MQTT_TWIN_STATE_PASSWORD');
  const { devices, source } = await registryDevices(options);
  const creds = mqttCredentials(devices, serviceAccounts(options.topicRoot, { ingest, ...(twinState ? { twinState } : {}) }), signingKey(keys, options.keyId), options.topicRoot, {
    iterations: Number(options.iterations),
    generatedFrom: source,
  });
  mkdirSync(options.outDir, { recursive: true });
  // Written aside and renamed, so a broker reloading on SIGHUP never reads half a file.
  writeAtomically(join(options.outDir, 'passwd'), creds.passwd, 0o600);
  writeAtomically(join(options.outDir, 'acl'), creds.acl, 0o644);
  return `wrote ${join(options.outDir, 'passwd')} and ${join(options.outDir, 'acl')}: ${creds.devices} device(s) from ${source}; reload the broker (SIGHUP) to apply`;
}

async function registryDevices(options: MqttCredentialsOptions): Promise<{ devices: DeviceEntry[]; source: string }> {
  if (Boolean(options.registryUrl) === Boolean(options.registryFile)) throw new Error('give exactly one of --registry-url or --registry-file');
  let body: unknown;
  let source: string;
  if (options.registryUrl) {
    const url = new URL('/v1/assets', options.registryUrl);
    if (options.tenant) url.searchParams.set('tenant', options.tenant);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`registry answered ${res.status} for ${url.toString()}`);
    body = await res.json();
    source = url.toString();
  } else {
    body = JSON.parse(readFileSync(options.registryFile ?? '', 'utf8'));
    source = options.registryFile ?? '';
  }
  const parsed = Registry.safeParse(body);
  if (!parsed.success) throw new Error(`not a registry listing ({"assets": [...]}): ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const kinds = options.kinds ? new Set(options.kinds.split(',').map((k) => k.trim())) : undefined;
  const devices = parsed.data.assets
    .filter((a) => a.retired === null && (!kinds || kinds.has(a.kind)) && (!options.tenant || a.tenant === options.tenant))
    .map((a) => ({ tenant: a.tenant, assetId: a.assetId }));
  return { devices, source };
}

function writeAtomically(path: string, content: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  chmodSync(temporary, mode);
  renameSync(temporary, path);
}
