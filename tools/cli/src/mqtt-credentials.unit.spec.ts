import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { mintDeviceToken, parseDeviceKeys, verifyDeviceToken } from '@fleettwin/device-auth';
import { mosquittoPasswordLine, mqttCredentials, serviceAccounts } from './mqtt-credentials';

describe('mqtt credentials', () => {
  const keys = parseDeviceKeys(`k1:${randomBytes(32).toString('base64')}`);
  const key = keys[0]!;

  it('writes password lines in mosquitto_passwd format (PBKDF2-SHA512, 12-byte salt)', () => {
    const salt = Buffer.alloc(12, 7);
    const line = mosquittoPasswordLine('acme.ESN-1', 'pw', 101, salt);
    const expected = pbkdf2Sync('pw', salt, 101, 64, 'sha512').toString('base64');
    expect(line).toBe(`acme.ESN-1:$7$101$${salt.toString('base64')}$${expected}`);
    expect(() => mosquittoPasswordLine('a:b', 'pw')).toThrow('may not hold ":"');
  });

  it('given registry devices, each may write only its own telemetry topic, ingest reads all, anonymous nothing', () => {
    const creds = mqttCredentials(
      [{ tenant: 'beta', assetId: 'ESN-2' }, { tenant: 'acme', assetId: 'ESN-1' }],
      serviceAccounts('fleet', { ingest: 'ingest-secret-123456' }),
      key,
      'fleet',
      { generatedFrom: 'test' },
    );
    expect(creds.devices).toBe(2);
    expect(creds.acl.split('\n').filter((l) => /^(user|topic)/.test(l))).toEqual([
      'user fleettwin-ingest', 'topic read fleet/+/+/telemetry',
      'user acme.ESN-1', 'topic write fleet/acme/ESN-1/telemetry', 'topic read fleet/acme/ESN-1/commands', 'topic write fleet/acme/ESN-1/commands/ack',
      'user beta.ESN-2', 'topic write fleet/beta/ESN-2/telemetry', 'topic read fleet/beta/ESN-2/commands', 'topic write fleet/beta/ESN-2/commands/ack',
    ]);
    expect(creds.passwd.trim().split('\n').map((l) => l.split(':')[0])).toEqual(['fleettwin-ingest', 'acme.ESN-1', 'beta.ESN-2']);
    expect(creds.passwd).not.toContain('ingest-secret');
    expect(creds.passwd).not.toContain('ftd1');
  });

  it('a device password is its device token, so it verifies as that device', () => {
    const line = mqttCredentials([{ tenant: 'acme', assetId: 'ESN-1' }], [], key, 'fleet', { generatedFrom: 'test' }).passwd.trim();
    const [, , iterations, salt, hash] = line.slice(line.indexOf(':') + 1).split('$');
    const token = mintDeviceToken(key, 'acme', 'ESN-1');
    expect(verifyDeviceToken(token, keys).ok).toBe(true);
    expect(pbkdf2Sync(token, Buffer.from(salt ?? '', 'base64'), Number(iterations), 64, 'sha512').toString('base64')).toBe(hash);
  });
});
