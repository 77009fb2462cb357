import type { KafkaMessage } from 'kafkajs';
import { carrierOfSpan, endSpan, startProcessSpan, tracingEnabled, type Span, type TraceCarrier } from '@fleettwin/tracing';

export interface TracedBatch {
  /** The trace context of the record's `<topic> process` span, to store with what the handler writes. */
  traceOf(message: KafkaMessage): TraceCarrier | undefined;
  /** Runs the handler; every record's span ends with it, failed if it throws. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

const UNTRACED: TracedBatch = { traceOf: () => undefined, run: (work) => work() };

/**
 * One short `<topic> process` span per record, each a child of the span its producer put in the
 * headers, so a reading's trace continues through this consumer. Batches are applied in one
 * transaction, so the spans share its duration. Parent-based sampling makes unsampled records cheap;
 * with tracing off nothing is created at all.
 */
export function traceBatch(group: string, topic: string, partition: number, messages: readonly KafkaMessage[]): TracedBatch {
  if (!tracingEnabled()) return UNTRACED;
  const spans = new Map<KafkaMessage, Span>();
  for (const message of messages) {
    spans.set(message, startProcessSpan({ topic, partition, offset: message.offset, key: message.key?.toString(), group, headers: message.headers }));
  }
  return {
    traceOf: (message) => {
      const span = spans.get(message);
      return span ? carrierOfSpan(span) : undefined;
    },
    run: async (work) => {
      try {
        const result = await work();
        for (const span of spans.values()) endSpan(span);
        return result;
      } catch (error) {
        for (const span of spans.values()) endSpan(span, error);
        throw error;
      }
    },
  };
}
