import { randomBytes } from 'node:crypto';
import { mintDeviceToken, parseDeviceKeys, signingKey, verifyDeviceToken } from './index';

const secret = () => randomBytes(32).toString('base64');

describe('device tokens', () => {
  const keys = parseDeviceKeys(`k1:${secret()}\n# rotated in on 2026-11-01\nk2:${secret()}`);

  it('given a key, when a token is minted, then it verifies to its tenant, asset and key id', () => {
    const token = mintDeviceToken(signingKey(keys), 'acme', 'ESN-1.a_b');
    expect(token).toMatch(/^ftd1:k2:acme:ESN-1\.a_b:[A-Za-z0-9_-]{43}$/);
    expect(verifyDeviceToken(token, keys)).toEqual({ ok: true, device: { tenant: 'acme', assetId: 'ESN-1.a_b', keyId: 'k2' } });
  });

  it('refuses a token whose asset, tenant or mac was changed', () => {
    const token = mintDeviceToken(signingKey(keys, 'k1'), 'acme', 'ESN-1');
    expect(verifyDeviceToken(token.replace(':ESN-1:', ':ESN-2:'), keys)).toEqual({ ok: false, reason: 'device token signature does not match' });
    expect(verifyDeviceToken(token.replace(':acme:', ':evil:'), keys)).toEqual({ ok: false, reason: 'device token signature does not match' });
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyDeviceToken(token.slice(0, -1) + last, keys).ok).toBe(false);
  });

  it('refuses tokens of a key that was rotated out, and malformed ones', () => {
    const old = mintDeviceToken(signingKey(keys, 'k1'), 'acme', 'ESN-1');
    const afterRotation = keys.filter((k) => k.keyId !== 'k1');
    expect(verifyDeviceToken(old, afterRotation)).toEqual({ ok: false, reason: 'unknown device key id "k1" (rotated out?)' });
    for (const bad of ['', 'Bearer x', 'ftd1:k1:acme:ESN-1', 'ftd1:k1:ACME:ESN-1:' + 'A'.repeat(43), `${old}x`]) {
      expect(verifyDeviceToken(bad, keys)).toEqual({ ok: false, reason: 'malformed device token' });
    }
  });

  it('refuses a key file with short secrets, bad ids or duplicates, without echoing the secret', () => {
    expect(() => parseDeviceKeys('k1:c2hvcnQ=')).toThrow('device key "k1": the secret must hold at least 32 bytes');
    expect(() => parseDeviceKeys(`bad id:${secret()}`)).toThrow('device key 1: expected keyId:secret');
    const s = secret();
    expect(() => parseDeviceKeys(`k1:${s},k1:${s}`)).toThrow('device key "k1" is listed twice');
    expect(() => parseDeviceKeys('# nothing\n')).toThrow('no device keys given');
  });
});
