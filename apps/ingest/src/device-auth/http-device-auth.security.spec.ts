import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ApiErrorBody } from '@fleettwin/contracts';
import { mintDeviceToken, parseDeviceKeys, signingKey } from '@fleettwin/device-auth';
import { freePort, isolatedEnvironment, jsonBody, recordFaultResult, startService, WORKSPACE_ROOT, type RunningService, type TestEnvironment } from '@fleettwin/testing';

// HTTP device tokens and replay protection, on a real ingest process configured as in production.

let env: TestEnvironment;
let ingest: RunningService;
const keyLines = `old:${randomBytes(32).toString('base64')}\nnew:${randomBytes(32).toString('base64')}`;
const keys = parseDeviceKeys(keyLines);
const figures: Record<string, number | string> = {};
/** Each test counts itself at its end, so the summary says passed only when every assertion held. */
let testsPassed = 0;
const now = () => new Date().toISOString();
const frame = (assetId: string, seq: number, over: Record<string, unknown> = {}) => ({ tenant: 'acme', assetId, ts: now(), seq, readings: { egt: 640 + seq }, ...over });

async function post(body: unknown, token?: string): Promise<{ status: number; body: ApiErrorBody & { accepted?: number } }> {
  const res = await fetch(`${ingest.url}/v1/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await jsonBody(res) };
}

beforeAll(async () => {
  env = await isolatedEnvironment('devauth');
  ingest = await startService('ingest', {
    ...env.env,
    FLEETTWIN_ENV: 'prod',
    DEVICE_AUTH: 'required',
    DEVICE_TOKEN_KEYS: keyLines.replace('\n', ','),
    REPLAY_POLICY: 'reject',
    TELEMETRY_MAX_AGE_SECONDS: '86400',
    TELEMETRY_MAX_FUTURE_SECONDS: '300',
  }, { label: 'ingest-device-auth' });
});

afterAll(async () => {
  await ingest?.stop();
  recordFaultResult({ scenario: 'http-device-tokens-and-replay', group: 'security', passed: testsPassed === 6, figures });
});

describe('HTTP device tokens', () => {
  it('refuses to start in prod without device authentication or its keys, naming the variable', async () => {
    const port = String(await freePort());
    const run = (extra: Record<string, string>) => spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/ingest/src/main.ts'], {
      cwd: WORKSPACE_ROOT, encoding: 'utf8', timeout: 60000,
      env: { ...process.env, ...env.env, PORT: port, FLEETTWIN_ENV: 'prod', SWC_NODE_PROJECT: join(WORKSPACE_ROOT, 'tsconfig.base.json'), ...extra },
    });
    const off = run({ DEVICE_AUTH: 'off' });
    expect(off.status).not.toBe(0);
    expect(off.stdout + off.stderr).toContain('DEVICE_AUTH must be required when FLEETTWIN_ENV=prod');
    const noKeys = run({ DEVICE_AUTH: 'required' });
    expect(noKeys.status).not.toBe(0);
    expect(noKeys.stdout + noKeys.stderr).toContain('DEVICE_AUTH=required needs exactly one of DEVICE_TOKEN_KEYS or DEVICE_TOKEN_KEYS_FILE');
    const weakKey = run({ DEVICE_AUTH: 'required', DEVICE_TOKEN_KEYS: 'k1:c2hvcnQ=' });
    expect(weakKey.status).not.toBe(0);
    // The log line is JSON, so the quotes around the key id arrive escaped.
    expect(weakKey.stdout + weakKey.stderr).toMatch(/DEVICE_TOKEN_KEYS: device key \\?"k1\\?": the secret must hold at least 32 bytes/);
    figures.prodStartsWithoutKeys = 'no';
    testsPassed += 1;
  });

  it('answers 401 without a token or with a forged, malformed or unknown-key token, before looking at the body', async () => {
    const forged = mintDeviceToken({ keyId: 'new', secret: randomBytes(32) }, 'acme', 'ESN-1');
    const unknownKey = mintDeviceToken({ keyId: 'gone', secret: keys[0]?.secret ?? Buffer.alloc(0) }, 'acme', 'ESN-1');
    const cases = [
      [undefined, 'DEVICE_TOKEN_REQUIRED', /device token is required/],
      [forged, 'DEVICE_TOKEN_INVALID', /signature does not match/],
      ['garbage', 'DEVICE_TOKEN_INVALID', /malformed device token/],
      [unknownKey, 'DEVICE_TOKEN_INVALID', /unknown device key id "gone"/],
    ] as const;
    for (const [token, code, message] of cases) {
      const res = await post({ not: 'even telemetry' }, token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(message);
    }
    figures.refused401 = cases.length;
    testsPassed += 1;
  });

  it('accepts a device\'s own frames with a token of either listed key (rotation), and 403s frames of another asset or tenant', async () => {
    const own = mintDeviceToken(signingKey(keys, 'new'), 'acme', 'ESN-1');
    expect(await post({ frames: [frame('ESN-1', 1), frame('ESN-1', 2)] }, own)).toEqual({ status: 202, body: { accepted: 2, duplicates: 0 } });
    const oldKey = mintDeviceToken(signingKey(keys, 'old'), 'acme', 'ESN-1');
    expect((await post(frame('ESN-1', 3), oldKey)).status).toBe(202);

    const mixed = await post({ frames: [frame('ESN-1', 4), frame('ESN-2', 1), frame('ESN-1', 5, { tenant: 'other' })] }, own);
    expect(mixed.status).toBe(403);
    expect(mixed.body.error.code).toBe('DEVICE_MISMATCH');
    expect(mixed.body.error.details).toEqual([
      { path: 'frames.1.assetId', message: 'the device token is for acme/ESN-1, not acme/ESN-2' },
      { path: 'frames.2.tenant', message: 'the device token is for acme/ESN-1, not other/ESN-1' },
    ]);
    figures.acceptedOwnFrames = 3;
    figures.refused403 = 1;
    testsPassed += 1;
  });
});

describe('replay protection', () => {
  const token = () => mintDeviceToken(signingKey(keys), 'acme', 'ESN-R');

  it('answers 409 REPLAYED_SEQ naming each frame whose seq was already seen, and produces none of the batch', async () => {
    expect((await post({ frames: [frame('ESN-R', 10), frame('ESN-R', 11)] }, token())).status).toBe(202);
    const replay = await post({ frames: [frame('ESN-R', 12), frame('ESN-R', 11), frame('ESN-R', 12)] }, token());
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('REPLAYED_SEQ');
    expect(replay.body.error.details).toEqual([
      { path: 'frames.1.seq', message: 'seq 11 of ESN-R was already seen (last accepted 12)' },
      { path: 'frames.2.seq', message: 'seq 12 of ESN-R was already seen (last accepted 12)' },
    ]);
    // Nothing of the refused batch was claimed: seq 12 is still new.
    expect(await post(frame('ESN-R', 12), token())).toEqual({ status: 202, body: { accepted: 1, duplicates: 0 } });
    const single = await post(frame('ESN-R', 12), token());
    expect(single.body.error).toEqual({ code: 'REPLAYED_SEQ', message: 'seq: seq 12 of ESN-R was already seen (last accepted 12)', details: [{ path: 'seq', message: 'seq 12 of ESN-R was already seen (last accepted 12)' }] });
    figures.replays409 = 2;
    testsPassed += 1;
  });

  it('answers 422 TIMESTAMP_OUT_OF_WINDOW for frames too old or too far ahead', async () => {
    const old = await post({ frames: [frame('ESN-R', 20), frame('ESN-R', 21, { ts: '2026-01-01T00:00:00Z' })] }, token());
    expect(old.status).toBe(422);
    expect(old.body.error.code).toBe('TIMESTAMP_OUT_OF_WINDOW');
    expect(old.body.error.details?.map((d) => d.path)).toEqual(['frames.1.ts']);
    expect(old.body.error.details?.[0]?.message).toMatch(/s old \(at most 86400 s allowed\)$/);
    const ahead = await post(frame('ESN-R', 22, { ts: new Date(Date.now() + 600_000).toISOString() }), token());
    expect(ahead.status).toBe(422);
    expect(ahead.body.error.message).toMatch(/^ts: ts .* s ahead of the server clock \(at most 300 s allowed\)$/);
    figures.outOfWindow422 = 2;
    testsPassed += 1;
  });

  it('counts every refusal by reason in /metrics', async () => {
    const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
    const count = (reason: string) => Number(new RegExp(`fleettwin_ingest_rejections_total\\{reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    expect(count('device-token-missing')).toBe(1);
    expect(count('device-token-invalid')).toBe(3);
    expect(count('device-mismatch')).toBe(1);
    expect(count('replayed-seq')).toBe(4); // frames of the two refused requests: 3 + 1
    expect(count('timestamp-out-of-window')).toBe(3);
    figures.rejectionsCounted = ['device-token-missing', 'device-token-invalid', 'device-mismatch', 'replayed-seq', 'timestamp-out-of-window'].map(count).reduce((a, b) => a + b, 0);
    testsPassed += 1;
  });
});
