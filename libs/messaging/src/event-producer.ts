import { CompressionTypes, type Kafka, type Producer } from 'kafkajs';

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

  async send(topic: string, records: readonly OutgoingRecord[]): Promise<void> {
    if (!records.length) return;
    await this.producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.None,
      messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
    });
  }
}
