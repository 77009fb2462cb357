import { readFileSync } from 'node:fs';
import { parseDeviceKeys, type DeviceKey } from '@fleettwin/device-auth';

/** Device-token keys as ingest reads them: a file (--keys-file or DEVICE_TOKEN_KEYS_FILE) or DEVICE_TOKEN_KEYS. Never the repository. */
export function deviceKeysFrom(keysFile: string | undefined, env: NodeJS.ProcessEnv = process.env): DeviceKey[] {
  const file = keysFile ?? env.DEVICE_TOKEN_KEYS_FILE;
  if (file) return parseDeviceKeys(readFileSync(file, 'utf8'));
  if (env.DEVICE_TOKEN_KEYS) return parseDeviceKeys(env.DEVICE_TOKEN_KEYS);
  throw new Error('no device keys: pass --keys-file or set DEVICE_TOKEN_KEYS_FILE or DEVICE_TOKEN_KEYS');
}

/** A secret from a file (trailing newline dropped) or, failing that, an environment variable. */
export function secretFrom(file: string | undefined, envName: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (file) return readFileSync(file, 'utf8').trim();
  return env[envName] || undefined;
}
