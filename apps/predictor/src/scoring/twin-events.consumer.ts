import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { topicName } from '@fleettwin/contracts';
import { OutboxRelay, kafkaPublisher, type StoredEvent } from '@fleettwin/event-store';
import { DeadLetterPublisher, startPartitionConsumer, type EventProducer, type PartitionBatch } from '@fleettwin/messaging';
import { inTransaction } from '@fleettwin/postgres';
import { predictionsMade } from '@fleettwin/metrics';
import type { RulModel } from '@fleettwin/predict';
import { CONFIG, KAFKA, LOGGER, PG_POOL, PRODUCER } from '@fleettwin/platform';
import type { PredictorConfig } from '../config';
import { PredictionProjection, type PositionedEvent } from './prediction-projection';
import { RUL_MODEL } from './rul-model.provider';

/** Scores every asset on each new twin frame and publishes `fleet.predictions.v1` through the outbox. */
@Injectable()
export class TwinEventsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: Consumer | undefined;
  private readonly projection: PredictionProjection;
  private readonly relay: OutboxRelay;
  private readonly topic: string;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: PredictorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RUL_MODEL) model: RulModel,
    @Inject(PRODUCER) producer: EventProducer,
    private readonly deadLetters: DeadLetterPublisher,
  ) {
    this.topic = topicName('twinEvents', config.TOPIC_NAMESPACE);
    this.projection = new PredictionProjection(config.PREDICTOR_GROUP, model, config.FAILURE_HORIZON_CYCLES);
    this.relay = new OutboxRelay({
      pool,
      name: 'predictions',
      publish: kafkaPublisher({ producer, topic: topicName('predictions', config.TOPIC_NAMESPACE), source: '/fleettwin/predictor', cloudEventType: () => 'io.fleettwin.prediction.made.v1' }),
      onError: (error) => logger.error({ err: error }, 'publishing predictions failed; retrying from the stored cursor'),
      batchSize: 500,
    });
    logger.info({ modelVersion: model.modelVersion }, 'RUL model loaded');
  }

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    this.consumer = await startPartitionConsumer(this.kafka, { groupId: this.config.PREDICTOR_GROUP, topics: [this.topic], logger: this.logger, deadLetters: this.deadLetters, handle: (batch) => this.handle(batch) });
  }

  /** Before the producer and pool close: the batch in flight commits, then its predictions leave through the outbox. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.relay.stop();
  }

  private async handle(batch: PartitionBatch): Promise<void> {
    const items: PositionedEvent[] = [];
    for (const message of batch.messages) {
      const event = decode(message);
      if (event) items.push({ offset: message.offset, event, trace: batch.traceOf(message) });
      else await this.deadLetters.publish({ topic: batch.topic, key: message.key?.toString() ?? 'unknown', original: message.value ?? Buffer.alloc(0), reason: 'record is not a stored twin event', origin: `kafka:${batch.topic}/${batch.partition}@${message.offset}` });
    }
    const predictions = await inTransaction(this.pool, (client) => this.projection.apply(client, batch.topic, batch.partition, items));
    predictionsMade.inc(predictions.length);
    if (predictions.length) this.relay.notify();
  }
}

function decode(message: KafkaMessage): StoredEvent | undefined {
  try {
    const value = JSON.parse(message.value?.toString('utf8') ?? '') as Partial<StoredEvent>;
    if (typeof value.streamId !== 'string' || typeof value.version !== 'number' || typeof value.type !== 'string' || typeof value.occurredAt !== 'string') return undefined;
    return value as StoredEvent;
  } catch {
    return undefined;
  }
}
