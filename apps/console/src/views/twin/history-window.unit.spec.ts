import type { LiveUpdate, TwinView } from '../../api/types';
import { appendReading, bucketColumns, historyQuery, stepFor } from './history-window';
import { applyFrame } from './twin-live';

describe('sensor history window', () => {
  it('given a window, when a step is chosen, then the smallest that keeps it under the point budget', () => {
    expect(stepFor(3600_000)).toEqual({ step: '10s', seconds: 10 });
    expect(stepFor(86_400_000)).toEqual({ step: '5m', seconds: 300 });
    expect(stepFor(30 * 86_400_000)).toEqual({ step: '6h', seconds: 21600 });
  });

  it('given the latest reading, when queried, then the window ends on the step boundary after it', () => {
    expect(historyQuery('1h', '2026-11-23T12:00:04Z')).toEqual({ from: '2026-11-23T11:00:10.000Z', to: '2026-11-23T12:00:10.000Z', step: '10s' });
  });

  it('given buckets and live readings, when charted, then columns in time order and only newer readings appended', () => {
    const columns = bucketColumns([{ start: '2026-01-01T00:01:00Z', avg: 2, min: 1, max: 3 }, { start: '2026-01-01T00:00:00Z', avg: 5, min: 4, max: 6 }]);
    expect(columns).toEqual([[1767225600, 1767225660], [5, 2], [4, 1], [6, 3]]);
    expect(appendReading(columns, '2026-01-01T00:01:00Z', 9)).toBe(columns);
    expect(appendReading(columns, '2026-01-01T00:02:00Z', 9)[1]).toEqual([5, 2, 9]);
  });
});

describe('live frames on a twin', () => {
  const twin: TwinView = { assetId: 'E1', tenant: 'acme', sensors: { egt: { value: 640, ts: '2026-01-01T00:00:00Z', quality: ['stuck'] } }, frames: 3, lastSeq: 3, updatedAt: '2026-01-01T00:00:00Z' };
  const frame = (assetId: string, ts: string): LiveUpdate => ({ type: 'twin', id: 'i', tenant: 'acme', eventType: 'FrameRecorded', data: { assetId, ts, seq: 4, readings: { egt: 650, n2: 95 } } });

  it('given a newer frame of this twin, when applied, then values and counters move and flags stay until the re-read', () => {
    expect(applyFrame(twin, frame('E1', '2026-01-01T00:01:00Z'))).toMatchObject({ frames: 4, lastSeq: 4, updatedAt: '2026-01-01T00:01:00Z', sensors: { egt: { value: 650, quality: ['stuck'] }, n2: { value: 95, quality: [] } } });
  });

  it('given another twin’s or an older frame, when applied, then nothing changes', () => {
    expect(applyFrame(twin, frame('E2', '2026-01-01T00:01:00Z'))).toBe(twin);
    expect(applyFrame(twin, frame('E1', '2025-12-31T00:00:00Z'))).toBe(twin);
  });
});
