import { topicName, type ApiErrorBody, type TelemetryFrame, type TwinView } from '@fleettwin/contracts';
import { isolatedEnvironment, jsonBody, readTopic, startService, waitFor, type RunningService, type TestEnvironment } from '@fleettwin/testing';

let env: TestEnvironment;
let ingest: RunningService;
let twinState: RunningService;

beforeAll(async () => {
  env = await isolatedEnvironment('http');
  ingest = await startService('ingest', env.env);
  twinState = await startService('twin-state', env.env);
});

afterAll(async () => {
  await Promise.all([ingest?.stop(), twinState?.stop()]);
});

function post(body: unknown | string) {
  return fetch(`${ingest.url}/v1/telemetry`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function twin(assetId: string) {
  const res = await fetch(`${twinState.url}/v1/twins/${assetId}`);
  return { status: res.status, body: await jsonBody<TwinView>(res) };
}

const frame = (over: Partial<TelemetryFrame> = {}): TelemetryFrame => ({
  tenant: 'acme',
  assetId: 'ESN-HTTP-1',
  ts: '2026-03-01T10:00:00Z',
  seq: 1,
  readings: { egt: 640.5 },
  ...over,
});

describe('HTTP telemetry ingest → Kafka → twin-state', () => {
  it('reflects a batch of 1,000 frames over 10 assets exactly: frame counts and last values', async () => {
    const frames: TelemetryFrame[] = [];
    for (let seq = 1; seq <= 100; seq++) {
      for (let a = 0; a < 10; a++) {
        frames.push({ tenant: 'acme', assetId: `ESN-B${a}`, ts: new Date(Date.UTC(2026, 2, 1, 0, 0, seq)).toISOString(), seq, readings: { egt: 600 + a + seq / 100, vibration: a / 10 + seq / 1000 } });
      }
    }
    const res = await post({ frames });
    expect(res.status).toBe(202);
    expect(await jsonBody(res)).toEqual({ accepted: 1000, duplicates: 0 });

    const allFolded = async () => (await Promise.all(Array.from({ length: 10 }, (_, a) => twin(`ESN-B${a}`)))).every((t) => t.status === 200 && t.body.frames === 100);
    await waitFor(allFolded, { timeoutMs: 15000, what: 'all frames folded' });
    for (let a = 0; a < 10; a++) {
      const { status, body } = await twin(`ESN-B${a}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ assetId: `ESN-B${a}`, tenant: 'acme', frames: 100, lastSeq: 100, updatedAt: '2026-03-01T00:01:40.000Z' });
      expect(body.sensors.egt).toEqual({ value: 600 + a + 1, ts: '2026-03-01T00:01:40.000Z', quality: [] });
      expect(body.sensors.vibration.value).toBeCloseTo(a / 10 + 0.1, 10);
    }
  });

  it('accepts a resent batch idempotently: 202, counted as duplicates, twins unchanged', async () => {
    const frames = [1, 2, 3].map((seq) => frame({ assetId: 'ESN-DUP', seq }));
    expect(await jsonBody(await post({ frames }))).toEqual({ accepted: 3, duplicates: 0 });
    const again = await post({ frames });
    expect(again.status).toBe(202);
    expect(await jsonBody(again)).toEqual({ accepted: 3, duplicates: 3 });
    expect(await jsonBody(await post(frame({ assetId: 'ESN-DUP', seq: 4 })))).toEqual({ accepted: 1, duplicates: 0 });
    await waitFor(async () => (await twin('ESN-DUP')).body.lastSeq === 4, { what: 'seq 4 folded' });
    expect((await twin('ESN-DUP')).body.frames).toBe(4);
  });

  it('accepts a single frame, and the twin flags an out-of-range reading', async () => {
    expect((await post(frame({ assetId: 'ESN-HOT', readings: { egt: 1500 } }))).status).toBe(202);
    await waitFor(async () => (await twin('ESN-HOT')).status === 200, { what: 'twin created' });
    expect((await twin('ESN-HOT')).body.sensors.egt.quality).toEqual(['out-of-range']);
  });

  const invalid: [string, unknown | string, string, RegExp][] = [
    ['wrong type', frame({ seq: 'seven' as unknown as number }), 'seq', /number/],
    ['missing field', (({ ts: _ts, ...rest }) => rest)(frame()), 'ts', /Required/],
    ['non-finite number', '{"tenant":"acme","assetId":"ESN-1","ts":"2026-03-01T10:00:00Z","seq":1,"readings":{"egt":1e999}}', 'readings.egt', /finite/],
    ['bad tenant format', frame({ tenant: 'Acme Airlines!' }), 'tenant', /tenant must be/],
    ['bad asset id', frame({ assetId: '../etc/passwd' }), 'assetId', /assetId must be/],
    ['bad timestamp', frame({ ts: 'yesterday' }), 'ts', /ISO-8601/],
    ['timestamp in year 0 (found by fuzzing: twin-state could not store it)', frame({ ts: '0000-01-01T00:00:00Z' }), 'ts', /between 1900-01-01 and 2200-01-01/],
    ['batch of 6,000 non-frames (found by fuzzing: named the single-frame fields)', { frames: Array.from({ length: 6000 }, () => 0) }, 'frames.0', /object/],
    ['negative seq', frame({ seq: -1 }), 'seq', /greater than or equal to 0/],
    ['empty readings', frame({ readings: {} }), 'readings', /at least one sensor/],
    ['unknown field', { ...frame(), extra: 1 }, '(root)', /Unrecognized key/],
    ['oversized batch', { frames: Array.from({ length: 5001 }, (_, i) => frame({ seq: i + 1 })) }, 'frames', /at most 5000/],
    ['empty batch', { frames: [] }, 'frames', /must not be empty/],
    ['bad frame inside a batch', { frames: [frame(), frame({ readings: { egt: 'hot' as unknown as number } })] }, 'frames.1.readings.egt', /number/],
  ];

  it.each(invalid)('answers 400 naming the field for %s', async (_kind, body, path, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = await jsonBody<ApiErrorBody>(res);
    expect(json.error.code).toBe('INVALID_TELEMETRY');
    const detail = json.error.details?.find((d) => d.path === path);
    expect(detail).toBeDefined();
    expect(detail?.message).toMatch(message);
  });

  it('answers 400 for malformed JSON and 413 for a body over the limit', async () => {
    const malformed = await post('{"tenant": ');
    expect(malformed.status).toBe(400);
    expect((await jsonBody<ApiErrorBody>(malformed)).error.message).toMatch(/JSON/);
    const huge = await post({ frames: [frame({ readings: { egt: 1 } })], pad: 'x'.repeat(9 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await jsonBody<ApiErrorBody>(huge)).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 404 for a twin that does not exist and 400 for an invalid id', async () => {
    expect((await twin('ESN-NEVER-SEEN')).status).toBe(404);
    expect((await fetch(`${twinState.url}/v1/twins/${encodeURIComponent('a/b')}`)).status).toBe(400);
  });

  it('produced exactly the accepted new frames to Kafka: no duplicates, nothing invalid', async () => {
    const records = await readTopic(env.kafkaBrokers, topicName('telemetry', env.namespace), 1005, 15000, 1500);
    expect(records).toHaveLength(1000 + 4 + 1);
    const values = records.map((r) => JSON.parse(r.value?.toString() ?? '{}'));
    expect(values.filter((v) => v.assetId === 'ESN-DUP').map((v) => v.seq).sort()).toEqual([1, 2, 3, 4]);
    expect(records.every((r) => r.key?.toString() === JSON.parse(r.value?.toString() ?? '{}').assetId)).toBe(true);
    expect(records[0]?.headers?.ce_type?.toString()).toBe('io.fleettwin.telemetry.recorded.v1');
    expect(values.every((v) => v.source === 'http')).toBe(true);
  });

  it('exposes Prometheus metrics of what it accepted and refused, and of the projection downstream', async () => {
    const ingestMetrics = await (await fetch(`${ingest.url}/metrics`)).text();
    expect(ingestMetrics).toContain('fleettwin_ingest_frames_total{source="http",outcome="accepted"} 1005');
    expect(ingestMetrics).toContain('fleettwin_ingest_frames_total{source="http",outcome="duplicate"} 3');
    expect(ingestMetrics).toMatch(/fleettwin_ingest_rejections_total\{reason="invalid-request"\} 1[2-9]/);
    const twinMetrics = await (await fetch(`${twinState.url}/metrics`)).text();
    expect(twinMetrics).toMatch(/fleettwin_processing_seconds_count\{service="[^"]*twin-state"\} [1-9]/);
    expect(twinMetrics).toMatch(/fleettwin_event_store_append_seconds_count [1-9]/);
    expect(twinMetrics).toContain('fleettwin_process_resident_memory_bytes');
  });
});
