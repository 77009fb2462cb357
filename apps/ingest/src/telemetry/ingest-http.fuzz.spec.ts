import fc from 'fast-check';
import { TelemetryRequest, type TelemetryFrame } from '@fleettwin/contracts';
import {
  expectNoServerError,
  expectPreciseRefusal,
  fuzzFigures,
  garbageBody,
  isolatedEnvironment,
  mutationOf,
  PropertyBroken,
  RawHttpClient,
  recordFaultResult,
  runFuzz,
  startService,
  withRawToken,
  type RawResponse,
  type RunningService,
} from '@fleettwin/testing';

/**
 * HTTP telemetry ingest under 10,000 generated bodies: valid frames and batches, replays, mostly-valid
 * mutations, garbage, wrong content types and bodies over the limit. Property: never a 5xx; a valid body
 * is 202 with the frames counted; an invalid one is a 4xx whose reason names the bad field.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const BODY_LIMIT = 8 * 1024 * 1024;

let ingest: RunningService;
let client: RawHttpClient;
let nextAsset = 0;

beforeAll(async () => {
  const env = await isolatedEnvironment('fuzzhttp');
  ingest = await startService('ingest', { ...env.env, LOG_LEVEL: 'warn' });
  client = new RawHttpClient(ingest.url, 16);
});

afterAll(async () => {
  client?.close();
  await ingest?.stop();
});

const sensor = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,11}$/);
const frameArb: fc.Arbitrary<TelemetryFrame> = fc.record({
  tenant: fc.constantFrom('acme', 'globex', 'a', 'tenant-9'),
  assetId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,20}$/),
  ts: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  seq: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  readings: fc.dictionary(sensor, fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null)), { minKeys: 1, maxKeys: 6 }),
});
const requestArb = fc.oneof(frameArb, fc.array(frameArb, { minLength: 1, maxLength: 8 }).map((frames) => ({ frames })));

type Case =
  | { kind: 'valid'; body: unknown }
  | { kind: 'replay'; frame: TelemetryFrame }
  | { kind: 'mutated'; body: unknown; field: string; mutation: string }
  | { kind: 'garbage'; bytes: Buffer; contentType: string }
  | { kind: 'oversized'; bytes: number };

const caseArb: fc.Arbitrary<Case> = fc.oneof(
  { weight: 300, arbitrary: requestArb.map((body): Case => ({ kind: 'valid', body })) },
  { weight: 100, arbitrary: frameArb.map((frame): Case => ({ kind: 'replay', frame })) },
  { weight: 600, arbitrary: mutationOf(requestArb).map((m): Case => ({ kind: 'mutated', body: m.value, field: m.field, mutation: m.mutation })) },
  {
    weight: 200,
    arbitrary: fc
      .tuple(garbageBody(), fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', ''))
      .map(([bytes, contentType]): Case => ({ kind: 'garbage', bytes, contentType })),
  },
  { weight: 1, arbitrary: fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT + 64 * 1024 }).map((bytes): Case => ({ kind: 'oversized', bytes })) },
);

const post = (body: Buffer | string, contentType = 'application/json') =>
  client.send({ method: 'POST', path: '/v1/telemetry', body, headers: contentType ? { 'content-type': contentType } : {} });

function expectAccepted(res: RawResponse, frames: number, what: string): { accepted: number; duplicates: number } {
  if (res.status !== 202) throw new PropertyBroken(`${what} must be accepted: answered ${res.status} ${res.text.slice(0, 300)}`);
  const body = JSON.parse(res.text) as { accepted: number; duplicates: number };
  if (body.accepted !== frames || body.duplicates < 0 || body.duplicates > frames) throw new PropertyBroken(`${what}: ${res.text} for ${frames} frames`);
  return body;
}

const framesIn = (body: unknown) => ((body as { frames?: unknown[] }).frames?.length ?? 1);

async function check(c: Case): Promise<string[]> {
  switch (c.kind) {
    case 'valid': {
      const res = await post(JSON.stringify(c.body));
      expectAccepted(res, framesIn(c.body), 'a valid request');
      return ['kind:valid', expectNoServerError(res, 'valid')];
    }
    case 'replay': {
      // A resent frame is accepted again and counted as a duplicate, never produced twice.
      const frame = { ...c.frame, assetId: `REPLAY-${process.pid}-${(nextAsset += 1)}` };
      expectAccepted(await post(JSON.stringify(frame)), 1, 'a first frame');
      const again = expectAccepted(await post(JSON.stringify(frame)), 1, 'a replayed frame');
      if (again.duplicates !== 1) throw new PropertyBroken(`a replayed seq must be counted as a duplicate: ${JSON.stringify(again)}`);
      const older = expectAccepted(await post(JSON.stringify({ ...frame, seq: Math.max(0, frame.seq - 1) })), 1, 'an older seq');
      if (frame.seq > 0 && older.duplicates !== 1) throw new PropertyBroken(`an older seq must be a duplicate: ${JSON.stringify(older)}`);
      return ['kind:replay', 'status:202'];
    }
    case 'mutated': {
      const text = withRawToken(c.body);
      const res = await post(text);
      const label = expectNoServerError(res, `mutation ${c.mutation} of ${c.field || '(root)'}`);
      if (Buffer.byteLength(text) > BODY_LIMIT) {
        expectPreciseRefusal(res, 'an oversized body');
        return ['kind:mutated', label];
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        expectPreciseRefusal(res, `malformed JSON (${c.mutation} of ${c.field})`);
        return ['kind:mutated', label, 'outcome:malformed-json'];
      }
      // The contract is the oracle: what it accepts must be accepted, what it refuses must be refused naming the field.
      if (TelemetryRequest.safeParse(parsed).success) {
        expectAccepted(res, framesIn(parsed), `a still-valid mutation (${c.mutation} of ${c.field})`);
        return ['kind:mutated', label, 'outcome:still-valid'];
      }
      expectPreciseRefusal(res, `mutation ${c.mutation} of ${c.field || '(root)'}`, c.field);
      return ['kind:mutated', label, `mutation:${c.mutation}`];
    }
    case 'garbage': {
      const res = await post(c.bytes, c.contentType);
      const label = expectNoServerError(res, 'garbage');
      if (res.status !== 202) expectPreciseRefusal(res, 'garbage');
      return ['kind:garbage', label];
    }
    case 'oversized': {
      const res = await post(Buffer.alloc(c.bytes, 0x20));
      expectPreciseRefusal(res, 'a body over the limit');
      if (res.status !== 413) throw new PropertyBroken(`a body over the limit must be 413, not ${res.status}`);
      return ['kind:oversized', 'status:413'];
    }
  }
}

describe('fuzz: HTTP telemetry ingest (real service, real HTTP)', () => {
  it(`answers ${CASES} generated bodies without a 5xx: 202 for valid ones, a 4xx naming the field for the rest`, async () => {
    const stats = await runFuzz({ arbitrary: caseArb, cases: CASES, batch: 16, check });
    expect(stats.cases).toBeGreaterThanOrEqual(CASES);
    expect(stats.counts['status:500'] ?? 0).toBe(0);
    recordFaultResult({ scenario: 'fuzz-http-ingest-batch', group: 'fuzz', passed: true, figures: fuzzFigures(stats, { path: 'real HTTP → ingest → Kafka' }) });
  }, 300_000);
});
