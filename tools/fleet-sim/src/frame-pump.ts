import type { SimulatedFrame } from '@fleettwin/simulator';
import { FrameSchedule } from './frame-schedule';
import { ProgressMeter, type ProgressLine } from './progress';
import type { Transport } from './transport';

/** Anything that can produce frame `ordinal` of engine `engine`; null once that engine has no more. */
export interface FrameSource {
  engines: number;
  frame(engine: number, ordinal: number, tsMs: number): SimulatedFrame | null;
  /** Frames per engine after which the source is done; Infinity for an endless fleet. */
  framesPerEngine: number;
  badFrames(): number;
}

export interface PumpOptions {
  source: FrameSource;
  transport: Transport;
  /** Frames per second per engine; 0 = as fast as the transport acknowledges. */
  rate: number;
  /** Seconds to run; 0 = until stopped or the source runs out. */
  durationS: number;
  progressIntervalS: number;
  /** Most frames allowed in flight before pausing; bounds memory when the receiver is slow. */
  maxBacklog: number;
  drainTimeoutMs: number;
  stop: AbortSignal;
  onProgress(line: ProgressLine): void;
  /** Called at every progress line, e.g. to refresh the ground-truth file. */
  onTick?(): void;
}

const CHUNK = 2000;

/** Sends frames on schedule until the duration ends, the source runs out or `stop` fires. */
export async function pumpFrames(options: PumpOptions): Promise<ProgressLine> {
  const { source, transport, rate, stop } = options;
  const startMs = Date.now();
  const schedule = new FrameSchedule(source.engines, rate, startMs);
  const meter = new ProgressMeter(startMs);
  const limit = frameLimit(options);
  let nextProgressMs = startMs + options.progressIntervalS * 1000;
  const report = (event: ProgressLine['event'], nowMs: number): ProgressLine =>
    meter.line(event, nowMs, transport.stats(), { transport: transport.name, backlog: transport.backlog(), lagS: schedule.lagSeconds(nowMs), badFrames: source.badFrames(), lastError: transport.error() });

  const endMs = options.durationS > 0 ? startMs + options.durationS * 1000 : Number.POSITIVE_INFINITY;
  while (!stop.aborted && schedule.issued < limit) {
    const nowMs = Date.now();
    if (nowMs >= endMs && rate <= 0) break;
    const budget = Math.min(schedule.dueCount(nowMs), options.maxBacklog - transport.backlog(), CHUNK, limit - schedule.issued);
    for (let i = 0; i < budget; i++) {
      const slot = schedule.take(nowMs);
      const frame = source.frame(slot.engine, slot.ordinal, slot.dueMs);
      if (frame) transport.send(frame);
    }
    if (nowMs >= nextProgressMs) {
      options.onProgress(report('progress', nowMs));
      options.onTick?.();
      nextProgressMs += options.progressIntervalS * 1000;
    }
    // Yield every chunk so sockets are written and acknowledgements read; sleep when idle.
    await (budget >= CHUNK ? new Promise((resolve) => setImmediate(resolve)) : sleep(budget > 0 ? 1 : 5));
  }
  await transport.drain(options.drainTimeoutMs);
  return report('summary', Date.now());
}

function frameLimit(options: PumpOptions): number {
  const { source, rate, durationS } = options;
  const bySource = source.framesPerEngine * source.engines;
  if (durationS <= 0 || rate <= 0) return bySource;
  return Math.min(bySource, Math.ceil(durationS * rate * source.engines));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
