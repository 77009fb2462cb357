import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';
import { tracingEnabled, withTraceHeaders } from '@fleettwin/tracing';

export interface OutgoingRecord {
  key: string;
  value: Buffer | string;
  headers?: Record<string, string>;
}

/**
 * Idempotent producer with acks=all: a record that `send` resolves for is durably on the broker,
 * and a retried batch is not written twice.
 */
export class EventProducer {
  private readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 5,
      allowAutoTopicCreation: false,
      // Unbounded retries keep idempotence intact; callers put their own deadline on a send.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 5000 },
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /**
   * Sends in order, in requests small enough for the broker: a partition's share of one request
   * travels as one record batch, which must stay under the broker's `message.max.bytes` (1 MiB).
   */
  async send(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    const traced = tracingEnabled();
    for (const chunk of chunkBySize(records, MAX_REQUEST_BYTES)) {
      await this.producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        // A record without its own trace context continues the caller's active span (a DLQ record, say).
        messages: chunk.map((r) => ({ key: r.key, value: r.value, headers: traced ? withTraceHeaders(r.headers) : r.headers })),
      });
    }
  }
}

const MAX_REQUEST_BYTES = 768 * 1024;
const RECORD_OVERHEAD_BYTES = 64;

export function chunkBySize(records: readonly OutgoingRecord[], maxBytes: number): OutgoingRecord[][] {
  const chunks: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let size = 0;
  for (const record of records) {
    const bytes = recordSize(record);
    if (current.length && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(record);
    size += bytes;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function recordSize(record: OutgoingRecord): number {
  const headers = Object.entries(record.headers ?? {}).reduce((sum, [k, v]) => sum + k.length + v.length, 0);
  return Buffer.byteLength(record.value) + Buffer.byteLength(record.key) + headers + RECORD_OVERHEAD_BYTES;
}
