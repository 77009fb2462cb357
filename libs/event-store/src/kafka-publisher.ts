import { cloudEventHeaders } from '@fleettwin/contracts';
import type { EventProducer, OutgoingRecord } from '@fleettwin/messaging';
import { carrierOfSpan, contextFromCarrier, endSpan, startPublishSpan, tracingEnabled, type Span } from '@fleettwin/tracing';
import type { StoredEvent } from './event';
import type { PublishEvents } from './outbox-relay';

export interface KafkaPublisherOptions {
  producer: EventProducer;
  topic: string;
  /** CloudEvents source, e.g. `/fleettwin/twin-state`. */
  source: string;
  /** CloudEvents type for an event; defaults to the stored event type. */
  cloudEventType?: (event: StoredEvent) => string;
}

/** Stable across re-publication, unique within a source: what consumers dedupe by. */
export function eventId(event: Pick<StoredEvent, 'streamId' | 'version'>): string {
  return `${event.streamId}:${event.version}`;
}

/**
 * Keyed by stream id so a stream stays in order on one partition; the value carries the hash chain.
 * The trace context travels in headers (`traceparent`, `tracestate`), never in the value.
 */
export function toOutgoingRecord(event: StoredEvent, source: string, type: string, trace?: Readonly<Record<string, string>>): OutgoingRecord {
  const { traceContext: _stored, ...value } = event;
  return {
    key: event.streamId,
    value: JSON.stringify(value),
    headers: { ...cloudEventHeaders({ id: eventId(event), type, source, time: event.occurredAt, subject: event.streamId }), ...trace },
  };
}

export function kafkaPublisher(options: KafkaPublisherOptions): PublishEvents {
  const typeOf = options.cloudEventType ?? ((event: StoredEvent) => event.type);
  return async (events) => {
    if (!tracingEnabled()) return options.producer.send(options.topic, events.map((e) => toOutgoingRecord(e, options.source, typeOf(e))));
    // An event appended inside a trace gets a `<topic> publish` span in that trace, and its record names it as parent.
    const spans: Span[] = [];
    const records = events.map((e) => {
      if (!e.traceContext) return toOutgoingRecord(e, options.source, typeOf(e));
      const span = startPublishSpan(options.topic, 1, contextFromCarrier(e.traceContext));
      spans.push(span);
      return toOutgoingRecord(e, options.source, typeOf(e), carrierOfSpan(span));
    });
    try {
      await options.producer.send(options.topic, records);
      for (const span of spans) endSpan(span);
    } catch (error) {
      for (const span of spans) endSpan(span, error);
      throw error;
    }
  };
}
