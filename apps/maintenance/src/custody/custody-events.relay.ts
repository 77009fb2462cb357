import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { topicName } from '@fleettwin/contracts';
import { kafkaPublisher, OutboxRelay } from '@fleettwin/event-store';
import type { EventProducer } from '@fleettwin/messaging';
import { CONFIG, LOGGER, PG_POOL, PRODUCER } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';

/** Part custody events and signed checkpoints leave for `fleet.custody.v1` through the outbox. */
export const isCustodyStream = (streamId: string): boolean => streamId.startsWith('part-') || streamId === 'custody-log';

@Injectable()
export class CustodyEventsRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(PRODUCER) producer: EventProducer, @Inject(CONFIG) config: MaintenanceConfig, @Inject(LOGGER) logger: Logger) {
    const publish = kafkaPublisher({ producer, topic: topicName('custody', config.TOPIC_NAMESPACE), source: '/fleettwin/maintenance/custody', cloudEventType: (e) => `io.fleettwin.custody.${e.type}.v1` });
    this.relay = new OutboxRelay({
      pool,
      name: 'maintenance-custody',
      publish: async (events) => {
        const custody = events.filter((e) => isCustodyStream(e.streamId));
        if (custody.length) await publish(custody);
      },
      onError: (error) => logger.error({ err: error }, 'publishing custody events failed; retrying from the stored cursor'),
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
