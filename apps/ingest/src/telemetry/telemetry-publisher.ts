import { randomUUID } from 'node:crypto';
import { CLOUD_EVENT_TYPES, cloudEventHeaders, type TelemetryRecorded } from '@fleettwin/contracts';
import type { EventProducer, OutgoingRecord } from '@fleettwin/messaging';

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
    const records = frames.map(toRecord);
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

function toRecord(frame: TelemetryRecorded): OutgoingRecord {
  return {
    key: frame.assetId,
    value: JSON.stringify(frame),
    headers: cloudEventHeaders({
      id: randomUUID(),
      type: CLOUD_EVENT_TYPES.telemetryRecorded,
      source: `/ingest/${frame.source}`,
      time: frame.receivedAt,
      subject: frame.assetId,
    }),
  };
}
