import { randomUUID } from 'node:crypto';
import { CLOUD_EVENT_TYPES, cloudEventHeaders, type TelemetryRecorded } from '@fleettwin/contracts';
import type { EventProducer, OutgoingRecord } from '@fleettwin/messaging';
import { carrierOfSpan, endSpan, startPublishSpan, tracingEnabled } from '@fleettwin/tracing';

interface Pending {
  records: OutgoingRecord[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Gathers frames from concurrent callers for a few milliseconds and sends them to Kafka in one
 * request: many small MQTT messages cost about as much as one HTTP batch. Each caller's promise
 * settles when Kafka has acknowledged (or refused) its own frames.
 */
export class TelemetryPublisher {
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly producer: EventProducer,
    private readonly topic: string,
    private readonly lingerMs: number,
    private readonly maxBatch = 5000,
  ) {}

  publish(frames: readonly TelemetryRecorded[]): Promise<void> {
    if (!tracingEnabled()) return this.enqueue(frames.map((f) => toRecord(f)));
    // One `<topic> publish` span per caller, from enqueue to Kafka's ack; its context rides in each record's headers.
    const span = startPublishSpan(this.topic, frames.length);
    const trace = carrierOfSpan(span);
    return this.enqueue(frames.map((f) => toRecord(f, trace))).then(
      () => endSpan(span),
      (error: unknown) => {
        endSpan(span, error);
        throw error;
      },
    );
  }

  private enqueue(records: OutgoingRecord[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      this.queued += records.length;
      if (this.queued >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.queued = 0;
    this.producer.send(this.topic, batch.flatMap((p) => p.records)).then(
      () => batch.forEach((p) => p.resolve()),
      (error: unknown) => batch.forEach((p) => p.reject(error)),
    );
  }
}

function toRecord(frame: TelemetryRecorded, trace?: Readonly<Record<string, string>>): OutgoingRecord {
  return {
    key: frame.assetId,
    value: JSON.stringify(frame),
    headers: {
      ...cloudEventHeaders({
        id: randomUUID(),
        type: CLOUD_EVENT_TYPES.telemetryRecorded,
        source: `/ingest/${frame.source}`,
        time: frame.receivedAt,
        subject: frame.assetId,
      }),
      ...trace,
    },
  };
}
