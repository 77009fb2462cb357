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
  private producer: Producer;
  private renewal: Promise<void> | undefined;

  constructor(private readonly kafka: Kafka) {
    this.producer = this.create();
  }

  private create(): Producer {
    return this.kafka.producer({
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
      if (this.renewal) await this.renewal;
      const producer = this.producer;
      await producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        // A record without its own trace context continues the caller's active span (a DLQ record, say).
        messages: chunk.map((r) => ({ key: r.key, value: r.value, headers: traced ? withTraceHeaders(r.headers) : r.headers })),
      }).catch(async (error: unknown) => {
        if (lostProducerState(error)) await this.renew(producer);
        throw error;
      });
    }
  }

  /**
   * After a broker restart kafkajs's idempotent producer can fall out of step with the broker's
   * sequence numbers and then fail every send (OUT_OF_ORDER_SEQUENCE_NUMBER, tulios/kafkajs#598) until
   * the process restarts. A fresh producer gets a new producer id and starts its sequences at zero;
   * the failed send is still reported, so the caller retries it (consumers drop repeats by seq or id).
   */
  private renew(broken: Producer): Promise<void> {
    if (this.producer !== broken) return this.renewal ?? Promise.resolve();
    this.renewal ??= (async () => {
      const fresh = this.create();
      await fresh.connect();
      this.producer = fresh;
      void broken.disconnect().catch(() => undefined);
    })().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal.catch(() => undefined);
  }
}

const LOST_PRODUCER_STATE = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'INVALID_PRODUCER_ID_MAPPING']);

/** The broker no longer accepts this producer id's sequence: only a new producer id gets through. */
export function lostProducerState(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause ?? (e as Error & { originalError?: unknown }).originalError, depth++) {
    if (LOST_PRODUCER_STATE.has(String((e as Error & { type?: unknown }).type))) return true;
  }
  return false;
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
