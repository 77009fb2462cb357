import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { topicName } from '@fleettwin/contracts';
import { kafkaPublisher, OutboxRelay } from '@fleettwin/event-store';
import type { EventProducer } from '@fleettwin/messaging';
import { CONFIG, LOGGER, PG_POOL, PRODUCER } from '@fleettwin/platform';
import type { TwinStateConfig } from '../config';

/** Publishes the twin event log to `fleet.twin-events.v1` (transactional outbox: the log is the source). */
@Injectable()
export class TwinEventsRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(PRODUCER) producer: EventProducer,
    @Inject(CONFIG) config: TwinStateConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.relay = new OutboxRelay({
      pool,
      name: 'twin-events',
      publish: kafkaPublisher({ producer, topic: topicName('twinEvents', config.TOPIC_NAMESPACE), source: '/fleettwin/twin-state', cloudEventType: (e) => `io.fleettwin.twin.${e.type}.v1` }),
      onError: (error) => logger.error({ err: error }, 'publishing twin events failed; retrying from the stored cursor'),
      batchSize: 5000,
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** Stops the relay after publishing everything committed; returns how many events that flush sent. */
  drain(): Promise<number> {
    return this.relay.stop();
  }

  /** Called after a commit that appended events, so they leave now rather than at the next poll. */
  notify(): void {
    this.relay.notify();
  }
}
