import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { topicName } from '@fleettwin/contracts';
import { DeadLetterPublisher, startPartitionConsumer, type PartitionBatch } from '@fleettwin/messaging';
import { ConsumerPositions, inTransaction } from '@fleettwin/postgres';
import { CONFIG, KAFKA, LOGGER, PG_POOL } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';
import { FleetFacts, type StoredRecord } from './fleet-facts';

/** Follows the registry and usage on `fleet.twin-events.v1` so propagation and billing have their facts. */
@Injectable()
export class TwinEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: Consumer | undefined;
  private readonly facts = new FleetFacts();
  private readonly positions: ConsumerPositions;
  private readonly group: string;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: MaintenanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly deadLetters: DeadLetterPublisher,
  ) {
    this.group = `${config.MAINTENANCE_GROUP}-fleet`;
    this.positions = new ConsumerPositions(this.group);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await startPartitionConsumer(this.kafka, { groupId: this.group, topics: [topicName('twinEvents', this.config.TOPIC_NAMESPACE)], logger: this.logger, deadLetters: this.deadLetters, handle: (batch) => this.handle(batch) });
  }

  /** Before the relays, producer and pool close, so the batch in flight finishes and commits. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handle(batch: PartitionBatch): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const position = await this.positions.lock(client, batch.topic, batch.partition);
      for (const message of batch.messages) {
        if (BigInt(message.offset) < position) continue;
        const record = decode(message.value);
        // Frames are most of this topic and none of maintenance's business; unreadable records are the predictor's DLQ concern.
        if (record && !(record.streamId.startsWith('twin-') && record.type !== 'CycleCompleted')) await this.facts.apply(client, record);
      }
      const last = batch.messages[batch.messages.length - 1];
      if (last) await this.positions.advance(client, batch.topic, batch.partition, BigInt(last.offset) + 1n);
    });
  }
}

function decode(value: Buffer | null): StoredRecord | undefined {
  try {
    const parsed = JSON.parse(value?.toString('utf8') ?? '') as Partial<StoredRecord>;
    if (typeof parsed.streamId !== 'string' || typeof parsed.type !== 'string' || typeof parsed.version !== 'number') return undefined;
    return parsed as StoredRecord;
  } catch {
    return undefined;
  }
}
