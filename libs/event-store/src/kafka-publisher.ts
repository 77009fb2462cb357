import { cloudEventHeaders } from '@fleettwin/contracts';
import type { EventProducer, OutgoingRecord } from '@fleettwin/messaging';
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

/** Keyed by stream id so a stream stays in order on one partition; the value carries the hash chain. */
export function toOutgoingRecord(event: StoredEvent, source: string, type: string): OutgoingRecord {
  return {
    key: event.streamId,
    value: JSON.stringify(event),
    headers: cloudEventHeaders({ id: eventId(event), type, source, time: event.occurredAt, subject: event.streamId }),
  };
}

export function kafkaPublisher(options: KafkaPublisherOptions): PublishEvents {
  const typeOf = options.cloudEventType ?? ((event: StoredEvent) => event.type);
  return (events) => options.producer.send(options.topic, events.map((e) => toOutgoingRecord(e, options.source, typeOf(e))));
}
