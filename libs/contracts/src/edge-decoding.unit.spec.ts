import { describeIssues, MAX_REPORTED_ISSUES } from './errors';
import { RecordPartEventBody } from './custody';
import { TelemetryFrame, TelemetryRequest } from './telemetry';

// Regressions found by the fault suite's fuzzers (tools: *.fuzz.spec.ts, docs/reliability.md "Bad input").
const frame = { tenant: 'acme', assetId: 'ESN-1', ts: '2026-03-01T10:00:00Z', seq: 1, readings: { egt: 1 } };

describe('telemetry timestamps', () => {
  it.each(['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2200-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z'])(
    'given ts %s (ISO-8601, but PostgreSQL cannot store it or rounds it into year 10000), the frame is refused naming ts',
    (ts) => {
      const parsed = TelemetryFrame.safeParse({ ...frame, ts });
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(describeIssues(parsed.error)).toEqual([{ path: 'ts', message: 'ts must lie between 1900-01-01 and 2200-01-01' }]);
    },
  );

  it.each(['1900-01-01T00:00:00Z', '2026-03-01T10:00:00+14:00', '2199-12-31T23:59:59.999Z'])('given ts %s, the frame is accepted', (ts) => {
    expect(TelemetryFrame.safeParse({ ...frame, ts }).success).toBe(true);
  });
});

describe('describeIssues', () => {
  it('given a batch of 20,000 non-frames, reports the batch (frames), not the single-frame branch of the union', () => {
    const parsed = TelemetryRequest.safeParse({ frames: Array.from({ length: 20_000 }, () => 0) });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const issues = describeIssues(parsed.error);
    expect(issues.every((i) => i.path.startsWith('frames'))).toBe(true);
    expect(issues).toHaveLength(MAX_REPORTED_ISSUES);
  });
});

describe('custody instants', () => {
  it('given occurredAt with a +25:00 offset (passes datetime(), but new Date() of it is invalid: a 500 before), the body is refused naming occurredAt', () => {
    const parsed = RecordPartEventBody.safeParse({ command: 'inspect', occurredAt: '2026-03-01T10:00:00+25:00', data: { findings: 'ok', serviceable: true } });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error).map((i) => i.path)).toEqual(['occurredAt']);
  });

  it('given a life limit of 1e400 cycles (parses to Infinity: a 500 before), the part is refused naming the limit', () => {
    const parsed = RecordPartEventBody.safeParse(JSON.parse(`{"command":"manufacture","data":{"partNumber":"P","serialNumber":"S","batch":"B","lifeLimits":{"cycles":1e400}}}`));
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error).map((i) => i.path)).toEqual(['data.lifeLimits.cycles']);
  });
});
