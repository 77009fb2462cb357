import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { describeIssues, TelemetryRecorded, topicName, type FieldIssue } from '@fleettwin/contracts';
import type { TwinEvolve } from '@fleettwin/domain-twin';
import { DeadLetterPublisher, startPartitionConsumer, type PartitionBatch } from '@fleettwin/messaging';
import { inTransaction } from '@fleettwin/postgres';
import { CONFIG, KAFKA, LOGGER, PG_POOL } from '@fleettwin/platform';
import type { TwinStateConfig } from '../config';
import { TwinEventsRelay } from './twin-events.relay';
import { TwinLog } from './twin-log';
import type { ProjectionSink } from './twin.repository';
import { TWIN_EVOLVE, TWIN_SINKS } from './twin.tokens';
import { TwinProjection, type PositionedCommand } from './twin-projection';

type Decoded = { ok: true; item: PositionedCommand } | { ok: false; reason: string; details?: FieldIssue[] };

/** Consumes `fleet.telemetry.v1` and folds every frame into its asset's twin. */
@Injectable()
export class TelemetryConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: Consumer | undefined;
  private readonly projection: TwinProjection;
  private readonly topic: string;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: TwinStateConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly deadLetters: DeadLetterPublisher,
    @Inject(TWIN_EVOLVE) evolve: TwinEvolve,
    @Inject(TWIN_SINKS) sinks: ProjectionSink[],
    log: TwinLog,
    private readonly relay: TwinEventsRelay,
  ) {
    this.topic = topicName('telemetry', config.TOPIC_NAMESPACE);
    this.projection = new TwinProjection(config.TWIN_STATE_GROUP, evolve, log, sinks);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await startPartitionConsumer(this.kafka, {
      groupId: this.config.TWIN_STATE_GROUP,
      topics: [this.topic],
      logger: this.logger,
      deadLetters: this.deadLetters,
      handle: (batch) => this.handle(batch),
    });
    this.logger.info({ topic: this.topic, group: this.config.TWIN_STATE_GROUP }, 'consuming telemetry');
  }

  /** Before the producer and pool close: the batch in flight commits, then its events leave through the outbox. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.relay.drain();
  }

  private async handle(batch: PartitionBatch): Promise<void> {
    const items: PositionedCommand[] = [];
    for (const message of batch.messages) {
      const decoded = decode(message);
      if (decoded.ok) items.push({ ...decoded.item, trace: batch.traceOf(message) });
      else await this.deadLetter(batch, message, decoded.reason, decoded.details);
    }
    const result = await inTransaction(this.pool, (client) => this.projection.apply(client, batch.topic, batch.partition, items));
    for (const rejected of result.rejected) {
      const message = batch.messages.find((m) => m.offset === rejected.offset);
      if (message) await this.deadLetter(batch, message, `${rejected.rejection.code}: ${rejected.rejection.message}`);
    }
    this.logger.debug({ partition: batch.partition, ...result, rejected: result.rejected.length }, 'telemetry batch applied');
    if (result.events) this.relay.notify();
  }

  private deadLetter(batch: PartitionBatch, message: KafkaMessage, reason: string, details?: FieldIssue[]): Promise<void> {
    this.logger.warn({ partition: batch.partition, offset: message.offset, reason }, 'telemetry record rejected to dead-letter topic');
    return this.deadLetters.publish({
      topic: batch.topic,
      key: message.key?.toString() ?? 'unknown',
      original: message.value ?? Buffer.alloc(0),
      reason,
      details,
      origin: `kafka:${batch.topic}/${batch.partition}@${message.offset}`,
    });
  }
}

function decode(message: KafkaMessage): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    return { ok: false, reason: 'record value is not valid JSON' };
  }
  const parsed = TelemetryRecorded.safeParse(json);
  if (!parsed.success) {
    const details = describeIssues(parsed.error);
    return { ok: false, reason: `invalid telemetry record: ${details[0]?.path}: ${details[0]?.message}`, details };
  }
  const { tenant, assetId, ts, seq, readings } = parsed.data;
  return { ok: true, item: { offset: message.offset, command: { type: 'RecordFrame', data: { tenant, assetId, ts, seq, readings } } } };
}
