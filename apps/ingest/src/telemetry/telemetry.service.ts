import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ingestFrames, ingestRejections } from '@fleettwin/metrics';
import type { FieldIssue, TelemetryFrame, TelemetryRecorded } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import { CONFIG as INGEST_CONFIG, LOGGER } from '@fleettwin/platform';
import type { IngestConfig } from '../config';
import { replayedFrames } from '../replay/seq-replays';
import { framesOutsideWindow } from '../replay/timestamp-window';
import { SequenceTracker, type Claim } from './sequence-tracker';
import { TelemetryPublisher } from './telemetry-publisher';

export interface AcceptResult {
  accepted: number;
  duplicates: number;
}

export const KAFKA_UNAVAILABLE = 'KAFKA_UNAVAILABLE';

export interface AcceptOptions {
  receivedAt?: Date;
  /** Names refused frames `frames.<i>.<field>` (an HTTP batch) rather than `<field>` (one frame). */
  batch?: boolean;
}

/** Accepts validated frames: drops duplicates by seq, and resolves only once Kafka holds the rest. */
@Injectable()
export class TelemetryService {
  constructor(
    private readonly sequences: SequenceTracker,
    private readonly publisher: TelemetryPublisher,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async accept(frames: readonly TelemetryFrame[], source: TelemetryRecorded['source'], options: AcceptOptions = {}): Promise<AcceptResult> {
    const receivedAt = options.receivedAt ?? new Date();
    const path = (field: string) => (index: number) => (options.batch ? `frames.${index}.${field}` : field);
    const window = { maxAgeSeconds: this.config.TELEMETRY_MAX_AGE_SECONDS, maxFutureSeconds: this.config.TELEMETRY_MAX_FUTURE_SECONDS };
    const outOfWindow = framesOutsideWindow(frames, receivedAt, window, path('ts'));
    if (outOfWindow.length) throw refused(source, 'timestamp-out-of-window', frames.length, new ApiError(422, 'TIMESTAMP_OUT_OF_WINDOW', describe(outOfWindow), outOfWindow));
    await this.sequences.prepare(frames.map((f) => f.assetId));
    if (this.config.REPLAY_POLICY === 'reject') {
      // Checked and claimed below without an await in between, so no other request can slip in.
      const replays = replayedFrames(frames, (id) => this.sequences.lastSeq(id), path('seq'));
      if (replays.length) throw refused(source, 'replayed-seq', frames.length, new ApiError(409, 'REPLAYED_SEQ', describe(replays), replays));
    }
    const claims: Claim[] = [];
    const fresh: TelemetryRecorded[] = [];
    for (const frame of frames) {
      const claim = this.sequences.claim(frame.assetId, frame.seq);
      if (!claim) continue;
      claims.push(claim);
      fresh.push({ ...frame, receivedAt: receivedAt.toISOString(), source });
    }
    try {
      await withDeadline(this.publisher.publish(fresh), this.config.KAFKA_SEND_TIMEOUT_MS);
    } catch (error) {
      this.sequences.release(claims);
      ingestRejections.inc({ reason: 'kafka-unavailable' }, fresh.length);
      this.logger.error({ err: error, frames: fresh.length }, 'Kafka did not acknowledge telemetry');
      throw new ApiError(503, KAFKA_UNAVAILABLE, 'telemetry could not be stored right now; retry later', undefined, { 'Retry-After': '5' });
    }
    await this.sequences.persist(claims);
    ingestFrames.inc({ source, outcome: 'accepted' }, fresh.length);
    ingestFrames.inc({ source, outcome: 'duplicate' }, frames.length - fresh.length);
    return { accepted: frames.length, duplicates: frames.length - fresh.length };
  }
}

function refused(source: TelemetryRecorded['source'], reason: string, frames: number, error: ApiError): ApiError {
  ingestFrames.inc({ source, outcome: 'rejected' }, frames);
  ingestRejections.inc({ reason }, frames);
  return error;
}

function describe(issues: readonly FieldIssue[]): string {
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more frame(s))` : '';
  return `${issues[0]?.path}: ${issues[0]?.message}${more}`;
}

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no Kafka acknowledgement within ${ms} ms`)), ms); });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
