import { readFileSync } from 'node:fs';
import { parseDeviceKeys, type DeviceKey } from '@fleettwin/device-auth';
import { ConfigError } from '@fleettwin/platform';
import type { IngestConfig } from '../config';

export const DEVICE_KEYS = Symbol('DEVICE_KEYS');

/** The device-token keys from the environment or a mounted file; a bad list stops ingest at start-up, naming the variable. */
export function loadDeviceKeys(config: IngestConfig): DeviceKey[] {
  if (config.DEVICE_AUTH === 'off') return [];
  const [name, read] = config.DEVICE_TOKEN_KEYS_FILE
    ? ['DEVICE_TOKEN_KEYS_FILE', () => readFileSync(config.DEVICE_TOKEN_KEYS_FILE ?? '', 'utf8')]
    : ['DEVICE_TOKEN_KEYS', () => config.DEVICE_TOKEN_KEYS ?? ''];
  try {
    return parseDeviceKeys(read());
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  ${name}: ${(error as Error).message}`);
  }
}
