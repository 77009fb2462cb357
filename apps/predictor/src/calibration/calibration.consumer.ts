import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import { topicName } from '@fleettwin/contracts';
import { DeadLetterPublisher, startPartitionConsumer, type PartitionBatch } from '@fleettwin/messaging';
import { inTransaction } from '@fleettwin/postgres';
import { CONFIG, KAFKA, LOGGER, PG_POOL } from '@fleettwin/platform';
import { DEFAULT_CALIBRATION } from '@fleettwin/predict';
import type { PredictorConfig } from '../config';
import { calibrationDriftRatio, calibrationFitRmse, calibrationInvalidAssets, calibrationRefits } from './calibration.metrics';
import { CalibrationProjection, type ScoredCycle } from './calibration.projection';

/**
 * Calibrates each asset's degradation curve from the predictor's own `fleet.predictions.v1`
 * (a fold over twin events), in a consumer group of its own so scoring never waits on fitting.
 */
@Injectable()
export class CalibrationConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | undefined;
  private readonly projection: CalibrationProjection;
  private readonly groupId: string;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: PredictorConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly deadLetters: DeadLetterPublisher,
  ) {
    this.groupId = `${config.PREDICTOR_GROUP}-calibration`;
    this.projection = new CalibrationProjection(this.groupId, { ...DEFAULT_CALIBRATION, refitEvery: config.CALIBRATION_REFIT_EVERY, driftRatio: config.CALIBRATION_DRIFT_RATIO, maxFitRmse: config.CALIBRATION_MAX_FIT_RMSE });
  }

  async onApplicationBootstrap(): Promise<void> {
    const topic = topicName('predictions', this.config.TOPIC_NAMESPACE);
    this.consumer = await startPartitionConsumer(this.kafka, { groupId: this.groupId, topics: [topic], logger: this.logger, handle: (batch) => this.handle(batch) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handle(batch: PartitionBatch): Promise<void> {
    const items: { offset: string; cycle: ScoredCycle | undefined }[] = [];
    for (const message of batch.messages) {
      const decoded = decode(message);
      if (decoded === null) {
        await this.deadLetters.publish({ topic: batch.topic, key: message.key?.toString() ?? 'unknown', original: message.value ?? Buffer.alloc(0), reason: 'record is not a PredictionMade event', origin: `kafka:${batch.topic}/${batch.partition}@${message.offset}` });
      }
      items.push({ offset: message.offset, cycle: decoded ?? undefined });
    }
    const refitted = await inTransaction(this.pool, (client) => this.projection.apply(client, batch.topic, batch.partition, items));
    for (const report of refitted) {
      calibrationRefits.inc();
      if (report.fitRmse !== null) calibrationFitRmse.observe(report.fitRmse);
      if (report.driftRatio !== null) calibrationDriftRatio.observe(report.driftRatio);
      if (!report.valid && report.fitRmse !== null) this.logger.warn({ assetId: report.assetId, driftRatio: report.driftRatio, reason: report.reason }, 'calibration drift invalidates predictions');
    }
    if (refitted.length) {
      const { rows } = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM asset_calibrations WHERE NOT valid AND version IS NOT NULL');
      calibrationInvalidAssets.set(Number(rows[0]?.n ?? 0));
    }
  }
}

/** The scored cycle of a `PredictionMade` record; null when the record is not one. */
function decode(message: KafkaMessage): ScoredCycle | null {
  try {
    const value = JSON.parse(message.value?.toString('utf8') ?? '') as { type?: unknown; data?: Partial<ScoredCycle> };
    const data = value.data;
    if (value.type !== 'PredictionMade' || !data) return null;
    if (typeof data.assetId !== 'string' || typeof data.tenant !== 'string' || !Number.isInteger(data.cycle) || typeof data.healthIndex !== 'number') return null;
    return { assetId: data.assetId, tenant: data.tenant, cycle: data.cycle as number, healthIndex: data.healthIndex };
  } catch {
    return null;
  }
}
