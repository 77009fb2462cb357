import type { FieldIssue } from '@fleettwin/contracts';

export interface TimestampWindow {
  /** Seconds a frame may be older than ingest's clock; 0 = unbounded. */
  maxAgeSeconds: number;
  /** Seconds a frame may run ahead of ingest's clock (device clock skew); 0 = unbounded. */
  maxFutureSeconds: number;
}

/**
 * Frames outside the window, one issue each. A captured frame replayed days later, or a device
 * whose clock is far off, is refused instead of rewriting the twin's history.
 */
export function framesOutsideWindow(frames: readonly { ts: string }[], now: Date, window: TimestampWindow, path: (index: number) => string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  frames.forEach((frame, index) => {
    const offsetSeconds = (Date.parse(frame.ts) - now.getTime()) / 1000;
    if (window.maxFutureSeconds > 0 && offsetSeconds > window.maxFutureSeconds) {
      issues.push({ path: path(index), message: `ts ${frame.ts} is ${Math.round(offsetSeconds)} s ahead of the server clock (at most ${window.maxFutureSeconds} s allowed)` });
    } else if (window.maxAgeSeconds > 0 && -offsetSeconds > window.maxAgeSeconds) {
      issues.push({ path: path(index), message: `ts ${frame.ts} is ${Math.round(-offsetSeconds)} s old (at most ${window.maxAgeSeconds} s allowed)` });
    }
  });
  return issues;
}
