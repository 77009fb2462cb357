import type { TransportStats } from './transport';

/** One line of JSON on stdout, so a demo script or a test can parse progress. */
export interface ProgressLine extends TransportStats {
  event: 'progress' | 'summary';
  transport: string;
  elapsedS: number;
  /** Frames sent per second over the last interval (the whole run for the summary). */
  rate: number;
  ackRate: number;
  backlog: number;
  lagS: number;
  badFrames: number;
  lastError?: string | null;
}

export class ProgressMeter {
  private last: { atMs: number; sent: number; acknowledged: number };

  constructor(private readonly startMs: number) {
    this.last = { atMs: startMs, sent: 0, acknowledged: 0 };
  }

  line(event: ProgressLine['event'], nowMs: number, stats: TransportStats, extra: Pick<ProgressLine, 'transport' | 'backlog' | 'lagS' | 'badFrames' | 'lastError'>): ProgressLine {
    const since = event === 'summary' ? { atMs: this.startMs, sent: 0, acknowledged: 0 } : this.last;
    const seconds = Math.max(0.001, (nowMs - since.atMs) / 1000);
    this.last = { atMs: nowMs, sent: stats.sent, acknowledged: stats.acknowledged };
    return {
      event,
      ...extra,
      elapsedS: round((nowMs - this.startMs) / 1000),
      ...stats,
      rate: round((stats.sent - since.sent) / seconds),
      ackRate: round((stats.acknowledged - since.acknowledged) / seconds),
      lagS: round(extra.lagS),
    };
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
