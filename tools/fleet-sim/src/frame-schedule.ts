/**
 * Spreads frames evenly in time: the k-th frame of the whole run belongs to engine k mod N and
 * is due at k / (rate·N) seconds after start. Ten thousand engines at 1 frame/s thus become a
 * frame every 100 µs instead of a burst of 10,000 each second.
 */
export interface ScheduledFrame {
  engine: number;
  /** Ordinal of the frame within its engine (0, 1, 2 …). */
  ordinal: number;
  dueMs: number;
}

export class FrameSchedule {
  private next = 0;

  /** `rate` in frames per second per engine; 0 means as fast as the transport takes them. */
  constructor(private readonly engines: number, private readonly rate: number, private readonly startMs: number) {}

  get issued(): number {
    return this.next;
  }

  /** How many frames are due by `nowMs` but not yet issued. */
  dueCount(nowMs: number): number {
    if (this.rate <= 0) return Number.POSITIVE_INFINITY;
    const due = Math.floor(((nowMs - this.startMs) / 1000) * this.rate * this.engines) + 1;
    return Math.max(0, due - this.next);
  }

  /** Seconds the oldest due frame has been waiting. */
  lagSeconds(nowMs: number): number {
    if (this.rate <= 0) return 0;
    return Math.max(0, (nowMs - this.dueAt(this.next)) / 1000);
  }

  take(nowMs: number): ScheduledFrame {
    const k = this.next++;
    return { engine: k % this.engines, ordinal: Math.floor(k / this.engines), dueMs: this.rate <= 0 ? nowMs : this.dueAt(k) };
  }

  private dueAt(k: number): number {
    return this.startMs + (k / (this.rate * this.engines)) * 1000;
  }
}
