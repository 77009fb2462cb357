import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ingestFrames, ingestRejections } from '@fleettwin/metrics';
import type { TelemetryFrame, TelemetryRecorded } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import { CONFIG as INGEST_CONFIG, LOGGER } from '@fleettwin/platform';
import type { IngestConfig } from '../config';
import { SequenceTracker, type Claim } from './sequence-tracker';
import { TelemetryPublisher } from './telemetry-publisher';

export interface AcceptResult {
  accepted: number;
  duplicates: number;
}

export const KAFKA_UNAVAILABLE = 'KAFKA_UNAVAILABLE';

/** Accepts validated frames: drops duplicates by seq, and resolves only once Kafka holds the rest. */
@Injectable()
export class TelemetryService {
  constructor(
    private readonly sequences: SequenceTracker,
    private readonly publisher: TelemetryPublisher,
    @Inject(INGEST_CONFIG) private readonly config: IngestConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async accept(frames: readonly TelemetryFrame[], source: TelemetryRecorded['source'], receivedAt = new Date()): Promise<AcceptResult> {
    await this.sequences.prepare(frames.map((f) => f.assetId));
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

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no Kafka acknowledgement within ${ms} ms`)), ms); });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
