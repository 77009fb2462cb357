import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { Logger } from 'pino';
import { describeIssues, PredictionEvidence, topicName } from '@fleettwin/contracts';
import { classifySignature, type SignatureVector } from '@fleettwin/domain-failure-mode';
import { maintenancePolicy, workOrdersFromPrediction, type MaintenancePolicy } from '@fleettwin/domain-work-order';
import { DeadLetterPublisher, startPartitionConsumer, type PartitionBatch } from '@fleettwin/messaging';
import { ConsumerPositions, inTransaction } from '@fleettwin/postgres';
import { CONFIG, KAFKA, LOGGER, PG_POOL } from '@fleettwin/platform';
import { withTraceContext } from '@fleettwin/tracing';
import type { MaintenanceConfig } from '../config';
import { FailureModeCatalogStore } from '../catalog/failure-mode-catalog';
import { WorkOrderRepository } from './work-order.repository';
import { WorkOrders } from './work-orders.service';

interface PredictionRecord {
  streamId: string;
  version: number;
  data: Record<string, unknown> & { explanation?: { rul?: { sensor: string }[] }; signature?: SignatureVector };
}

/**
 * Turns predictions into work orders by policy: at most one open order per (asset, failure mode),
 * new evidence added to it rather than a duplicate. Decisions and the consumer position commit together.
 */
@Injectable()
export class PredictionsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: Consumer | undefined;
  private readonly positions: ConsumerPositions;
  private readonly policy: MaintenancePolicy;
  private readonly orders = new WorkOrderRepository();
  private readonly catalog = new FailureModeCatalogStore();

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: MaintenanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly workOrders: WorkOrders,
    private readonly deadLetters: DeadLetterPublisher,
  ) {
    this.positions = new ConsumerPositions(config.MAINTENANCE_GROUP);
    this.policy = maintenancePolicy({ cyclesPerDay: config.CYCLES_PER_DAY, failureProbabilityThreshold: config.FAILURE_PROBABILITY_THRESHOLD, rulLowerBoundCycles: config.RUL_LOWER_BOUND_CYCLES });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await startPartitionConsumer(this.kafka, {
      groupId: this.config.MAINTENANCE_GROUP,
      topics: [topicName('predictions', this.config.TOPIC_NAMESPACE)],
      logger: this.logger,
      deadLetters: this.deadLetters,
      handle: (batch) => this.handle(batch),
    });
  }

  /** Before the relays, producer and pool close, so the batch in flight finishes and commits. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private async handle(batch: PartitionBatch): Promise<void> {
    const rejected: { message: KafkaMessage; reason: string }[] = [];
    await inTransaction(this.pool, async (client) => {
      const position = await this.positions.lock(client, batch.topic, batch.partition);
      const catalog = await this.catalog.load(client);
      for (const message of batch.messages) {
        if (BigInt(message.offset) < position) continue;
        const evidence = toEvidence(message, (signature) => classifySignature(signature, catalog));
        if (!evidence.ok) rejected.push({ message, reason: evidence.reason });
        // In the record's trace, so the work-order events it causes carry it on (work-orders.service.ts).
        else await withTraceContext(batch.traceOf(message), () => this.apply(client, evidence.value, evidence.signature));
      }
      const last = batch.messages[batch.messages.length - 1];
      if (last) await this.positions.advance(client, batch.topic, batch.partition, BigInt(last.offset) + 1n);
    });
    for (const { message, reason } of rejected) {
      await this.deadLetters.publish({ topic: batch.topic, key: message.key?.toString() ?? 'unknown', original: message.value ?? Buffer.alloc(0), reason, origin: `kafka:${batch.topic}/${batch.partition}@${message.offset}` });
    }
  }

  /**
   * The effect check: once the asset has run EFFECT_CHECK_CYCLES past a completed order's last
   * evidence, its health now against its health then says whether the work was verified or ineffective.
   */
  private async checkEffects(client: PoolClient, evidence: PredictionEvidence): Promise<void> {
    for (const order of await this.orders.completedUnverified(client, evidence.assetId)) {
      const before = order.evidence[order.evidence.length - 1];
      if (!before || evidence.cycle < before.cycle + EFFECT_CHECK_CYCLES) continue;
      await this.workOrders.executeIn(client, {
        type: 'VerifyEffect',
        data: {
          tenant: order.tenant,
          workOrderId: order.workOrderId,
          before: { healthIndex: before.healthIndex, failureProbability: before.failureProbability },
          after: { healthIndex: evidence.healthIndex, failureProbability: evidence.failureProbability },
        },
        metadata: { at: evidence.occurredAt, actor: 'policy:effect-check', idempotencyKey: `effect:${evidence.source.streamId}:${evidence.source.version}` },
      });
    }
  }

  private async apply(client: PoolClient, evidence: PredictionEvidence, signature: SignatureVector | undefined): Promise<void> {
    if (signature) {
      await client.query(
        `INSERT INTO asset_signatures (asset_id, signature, occurred_at) VALUES ($1, $2, $3)
         ON CONFLICT (asset_id) DO UPDATE SET signature = EXCLUDED.signature, occurred_at = EXCLUDED.occurred_at WHERE asset_signatures.occurred_at <= EXCLUDED.occurred_at`,
        [evidence.assetId, { sensors: signature.sensors, deviation: signature.deviation }, evidence.occurredAt],
      );
    }
    await this.checkEffects(client, evidence);
    const decision = workOrdersFromPrediction(evidence, await this.orders.openForAsset(client, evidence.assetId), this.policy);
    const metadata = { at: evidence.occurredAt, actor: 'policy:predictor', idempotencyKey: `${evidence.source.streamId}:${evidence.source.version}` };
    if (decision.action === 'create') {
      const { order } = decision;
      await this.workOrders.executeIn(client, { type: 'OpenWorkOrder', data: { ...order, workOrderId: randomUUID(), description: null }, metadata });
    } else if (decision.action === 'update-evidence') {
      const { workOrderId, priority, dueAt } = decision;
      await this.workOrders.executeIn(client, { type: 'AddEvidence', data: { tenant: evidence.tenant, workOrderId, evidence, priority, dueAt }, metadata });
    }
  }
}

/** Cycles of fresh data after a completion before the twin's health counts as the work's effect. */
const EFFECT_CHECK_CYCLES = 10;

type Decoded = { ok: true; value: PredictionEvidence; signature: SignatureVector | undefined } | { ok: false; reason: string };
type Classify = (signature: SignatureVector) => { code: string; similarity: number } | null;

/** A stored prediction event → the evidence the policy reads, its signature classified against the catalog. */
function toEvidence(message: KafkaMessage, classify: Classify): Decoded {
  let record: PredictionRecord;
  try {
    record = JSON.parse(message.value?.toString('utf8') ?? '') as PredictionRecord;
  } catch {
    return { ok: false, reason: 'record value is not valid JSON' };
  }
  const data = record.data ?? {};
  const signature = isSignature(data.signature) ? data.signature : undefined;
  const match = signature ? classify(signature) : null;
  const parsed = PredictionEvidence.safeParse({
    tenant: data.tenant,
    assetId: data.assetId,
    source: { streamId: record.streamId, version: record.version },
    modelVersion: data.modelVersion,
    cycle: data.cycle,
    occurredAt: data.occurredAt,
    healthIndex: data.healthIndex,
    rul: data.rul,
    failureProbability: data.failureProbability,
    horizon: data.horizon,
    topSensors: (data.explanation?.rul ?? []).slice(0, 5).map((c) => c.sensor),
    failureMode: match ? { code: match.code, similarity: round(match.similarity) } : null,
  });
  if (parsed.success) return { ok: true, value: parsed.data, signature };
  const first = describeIssues(parsed.error)[0];
  return { ok: false, reason: `invalid prediction: ${first?.path}: ${first?.message}` };
}

function isSignature(value: unknown): value is SignatureVector {
  const s = value as Partial<SignatureVector> | undefined;
  return Array.isArray(s?.sensors) && Array.isArray(s?.deviation) && s.sensors.length === s.deviation.length;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
