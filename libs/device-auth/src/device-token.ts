import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeviceKey } from './device-keys';

/** Who a token speaks for. A device is one asset of one tenant. */
export interface DeviceIdentity {
  tenant: string;
  assetId: string;
  keyId: string;
}

export type DeviceTokenCheck = { ok: true; device: DeviceIdentity } | { ok: false; reason: string };

const PREFIX = 'ftd1';
// Tenant and asset ids never hold ":" (libs/contracts identifiers), so it can separate the fields.
const TOKEN = /^ftd1:([A-Za-z0-9_-]{1,32}):([a-z0-9-]{1,63}):([A-Za-z0-9][A-Za-z0-9_.-]{0,127}):([A-Za-z0-9_-]{43})$/;

/**
 * `ftd1:<keyId>:<tenant>:<assetId>:<mac>`, mac = base64url HMAC-SHA256(key, everything before it).
 * Stateless: ingest needs only the keys to check it, and rotating a key id invalidates its tokens.
 */
export function mintDeviceToken(key: DeviceKey, tenant: string, assetId: string): string {
  const body = `${PREFIX}:${key.keyId}:${tenant}:${assetId}`;
  if (!TOKEN.test(`${body}:${'A'.repeat(43)}`)) throw new Error(`cannot mint a device token for tenant "${tenant}", asset "${assetId}": invalid id`);
  return `${body}:${mac(key.secret, body)}`;
}

export function verifyDeviceToken(token: string, keys: readonly DeviceKey[]): DeviceTokenCheck {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed device token' };
  const [, keyId = '', tenant = '', assetId = '', given = ''] = match;
  const key = keys.find((k) => k.keyId === keyId);
  if (!key) return { ok: false, reason: `unknown device key id "${keyId}" (rotated out?)` };
  const expected = Buffer.from(mac(key.secret, token.slice(0, token.length - given.length - 1)));
  if (!timingSafeEqual(expected, Buffer.from(given))) return { ok: false, reason: 'device token signature does not match' };
  return { ok: true, device: { tenant, assetId, keyId } };
}

function mac(secret: Buffer, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
