import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { topicName } from '@fleettwin/contracts';
import { kafkaPublisher, OutboxRelay, type PublishEvents } from '@fleettwin/event-store';
import type { EventProducer } from '@fleettwin/messaging';
import { CONFIG, LOGGER, PG_POOL, PRODUCER } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';

/** Publishes work-order changes to `fleet.maintenance.v1` from the event store (transactional outbox). */
@Injectable()
export class WorkOrderEventsRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(PRODUCER) producer: EventProducer, @Inject(CONFIG) config: MaintenanceConfig, @Inject(LOGGER) logger: Logger) {
    this.relay = new OutboxRelay({
      pool,
      name: 'maintenance',
      // The store also holds custody and propagation streams; only work orders belong on this topic.
      publish: onlyStreams('work-order-', kafkaPublisher({ producer, topic: topicName('maintenance', config.TOPIC_NAMESPACE), source: '/fleettwin/maintenance', cloudEventType: (e) => `io.fleettwin.maintenance.${e.type}.v1` })),
      onError: (error) => logger.error({ err: error }, 'publishing work-order events failed; retrying from the stored cursor'),
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  notify(): void {
    this.relay.notify();
  }
}

function onlyStreams(prefix: string, publish: PublishEvents): PublishEvents {
  return (events) => publish(events.filter((e) => e.streamId.startsWith(prefix)));
}
