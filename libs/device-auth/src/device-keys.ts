/** One device-token signing key: `keyId` travels in every token so keys can be rotated one at a time. */
export interface DeviceKey {
  keyId: string;
  secret: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const MIN_SECRET_BYTES = 32;

/**
 * Parses `keyId:secret` entries, one per line or comma-separated (`#` starts a comment), as read
 * from `DEVICE_TOKEN_KEYS` or the file `DEVICE_TOKEN_KEYS_FILE` names. A secret is base64 or
 * base64url of at least 32 bytes (`openssl rand -base64 32`). Throws naming the bad entry, never its secret.
 */
export function parseDeviceKeys(text: string): DeviceKey[] {
  const entries = text
    .split(/[\n,]/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  const keys: DeviceKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const keyId = colon > 0 ? entry.slice(0, colon) : '';
    if (!KEY_ID.test(keyId)) throw new Error(`device key ${index + 1}: expected keyId:secret with a key id of 1-32 letters, digits, "_" or "-"`);
    const encoded = entry.slice(colon + 1).trim();
    if (!/^[A-Za-z0-9+/_-]+=*$/.test(encoded)) throw new Error(`device key "${keyId}": the secret must be base64 or base64url`);
    const secret = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (secret.length < MIN_SECRET_BYTES) throw new Error(`device key "${keyId}": the secret must hold at least ${MIN_SECRET_BYTES} bytes`);
    if (keys.some((k) => k.keyId === keyId)) throw new Error(`device key "${keyId}" is listed twice`);
    keys.push({ keyId, secret });
  }
  if (!keys.length) throw new Error('no device keys given');
  return keys;
}

/** The key new tokens are minted with: the one named, else the last listed (the newest, by convention). */
export function signingKey(keys: readonly DeviceKey[], keyId?: string): DeviceKey {
  const key = keyId === undefined ? keys[keys.length - 1] : keys.find((k) => k.keyId === keyId);
  if (!key) throw new Error(keyId === undefined ? 'no device keys given' : `no device key with id "${keyId}"`);
  return key;
}
