import { framesOutsideWindow } from './timestamp-window';

const now = new Date('2026-11-23T12:00:00Z');
const path = (i: number) => `frames.${i}.ts`;

describe('timestamp window', () => {
  it('given bounds, refuses frames too far ahead or too old and names each one', () => {
    const frames = [{ ts: '2026-11-23T12:04:59Z' }, { ts: '2026-11-23T12:05:01Z' }, { ts: '2026-11-22T12:00:00Z' }, { ts: '2026-11-22T11:59:59+00:00' }];
    expect(framesOutsideWindow(frames, now, { maxAgeSeconds: 86400, maxFutureSeconds: 300 }, path)).toEqual([
      { path: 'frames.1.ts', message: 'ts 2026-11-23T12:05:01Z is 301 s ahead of the server clock (at most 300 s allowed)' },
      { path: 'frames.3.ts', message: 'ts 2026-11-22T11:59:59+00:00 is 86401 s old (at most 86400 s allowed)' },
    ]);
  });

  it('with both bounds 0 (the dev default), accepts any time', () => {
    expect(framesOutsideWindow([{ ts: '1970-01-01T00:00:00Z' }, { ts: '2999-01-01T00:00:00Z' }], now, { maxAgeSeconds: 0, maxFutureSeconds: 0 }, path)).toEqual([]);
  });
});
