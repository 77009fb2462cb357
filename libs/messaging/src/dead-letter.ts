import { randomUUID } from 'node:crypto';
import { CLOUD_EVENT_TYPES, cloudEventHeaders, deadLetterTopic, type DeadLetter, type FieldIssue } from '@fleettwin/contracts';
import { deadLetters } from '@fleettwin/metrics';
import type { EventProducer } from './event-producer';

export interface Rejected {
  /** Topic the input was meant for; the dead letter goes to `<topic>.dlq`. */
  topic: string;
  key: string;
  original: Buffer;
  reason: string;
  details?: FieldIssue[];
  /** Where it came from, e.g. `mqtt:fleet/acme/ESN-1/telemetry` or `kafka:fleet.telemetry.v1/3@1200`. */
  origin: string;
}

/** Nothing is dropped silently: what cannot be processed is kept, with why, on the dead-letter topic. */
export class DeadLetterPublisher {
  constructor(private readonly producer: EventProducer, private readonly source: string, private readonly clock: () => Date = () => new Date()) {}

  async publish(rejected: Rejected): Promise<void> {
    const receivedAt = this.clock().toISOString();
    const letter: DeadLetter = {
      reason: rejected.reason,
      ...(rejected.details ? { details: rejected.details } : {}),
      source: this.source,
      origin: rejected.origin,
      receivedAt,
      originalBase64: rejected.original.toString('base64'),
    };
    deadLetters.inc({ topic: deadLetterTopic(rejected.topic) });
    await this.producer.send(deadLetterTopic(rejected.topic), [
      {
        key: rejected.key,
        value: JSON.stringify(letter),
        headers: { ...cloudEventHeaders({ id: randomUUID(), type: CLOUD_EVENT_TYPES.deadLetter, source: this.source, time: receivedAt }), reason: rejected.reason.slice(0, 200) },
      },
    ]);
  }
}
