import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { consumerLag, processingSeconds } from '@fleettwin/metrics';
import type { DeadLetterPublisher } from './dead-letter';
import { faultInjectionEnabled, throwOnMarkedRecord } from './fault-injection';
import { DEFAULT_RETRY_POLICY, handleWithIsolation, type RetryPolicy } from './poison-isolation';
import type { TraceCarrier } from '@fleettwin/tracing';
import { traceBatch } from './message-tracing';

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  heartbeat(): Promise<void>;
  /** The record's `<topic> process` span context (undefined with tracing off): store it with what the record causes. */
  traceOf(message: KafkaMessage): TraceCarrier | undefined;
}

export interface PartitionConsumerOptions {
  groupId: string;
  topics: string[];
  /** Handles one partition's batch. The handler makes its own effects durable (with the offsets) before it returns. */
  handle(batch: PartitionBatch): Promise<void>;
  logger: Logger;
  partitionsConsumedConcurrently?: number;
  /**
   * Where a record goes when the handler keeps throwing on it alone (`<topic>.dlq`, with the error as
   * the reason). Without it a failing batch is rethrown and retried from the committed offset forever.
   */
  deadLetters?: DeadLetterPublisher;
  retry?: RetryPolicy;
}

/**
 * Consumes in per-partition batches. Kafka offsets are committed only after the handler has
 * returned, so they trail what the handler made durable; handlers dedupe with their own stored
 * offsets, which makes a crash at any point neither lose nor double-apply a message.
 */
export async function startPartitionConsumer(kafka: Kafka, options: PartitionConsumerOptions): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: options.groupId, sessionTimeout: 15000, heartbeatInterval: 3000, maxBytesPerPartition: 2 * 1024 * 1024 });
  await consumer.connect();
  await subscribeWhenLed(consumer, options.topics);
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
    eachBatch: async ({ batch, heartbeat, resolveOffset, commitOffsetsIfNecessary, isRunning, isStale }) => {
      if (!isRunning() || isStale() || batch.messages.length === 0) return;
      consumerLag.set({ group: options.groupId, topic: batch.topic }, Number(batch.offsetLag()));
      const done = processingSeconds.startTimer({ service: options.groupId });
      const traced = traceBatch(options.groupId, batch.topic, batch.partition, batch.messages);
      await traced.run(() => handlePoisonSafely(options, { topic: batch.topic, partition: batch.partition, messages: batch.messages, heartbeat, traceOf: traced.traceOf }));
      done();
      resolveOffset(batch.lastOffset());
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }],
      });
    },
  });
  return consumer;
}

/** Bounded retries, then one record at a time: a record the handler cannot take is dead-lettered (poison-isolation.ts). */
async function handlePoisonSafely(options: PartitionConsumerOptions, batch: PartitionBatch): Promise<void> {
  const inject = faultInjectionEnabled();
  const handle = async (messages: KafkaMessage[]) => {
    if (inject) throwOnMarkedRecord(messages);
    await options.handle({ ...batch, messages });
  };
  const deadLetters = options.deadLetters;
  if (!deadLetters) return handle(batch.messages);
  const outcome = await handleWithIsolation(batch.messages, {
    handle,
    heartbeat: batch.heartbeat,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    deadLetter: (message, reason) => {
      options.logger.error({ topic: batch.topic, partition: batch.partition, offset: message.offset, reason }, 'handler keeps failing on this record: dead-lettered');
      return deadLetters.publish({
        topic: batch.topic,
        key: message.key?.toString() ?? 'unknown',
        original: message.value ?? Buffer.alloc(0),
        reason,
        origin: `kafka:${batch.topic}/${batch.partition}@${message.offset}`,
      });
    },
  }, options.retry ?? DEFAULT_RETRY_POLICY);
  if (outcome.calls > 1) options.logger.warn({ topic: batch.topic, partition: batch.partition, calls: outcome.calls, deadLettered: outcome.deadLettered.length }, 'batch needed retries');
}

/** Subscribes, retrying while the broker still reports a just-created topic as leaderless (a retriable error). */
async function subscribeWhenLed(consumer: Consumer, topics: string[], attempts = 10): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await consumer.subscribe({ topics, fromBeginning: true });
    } catch (error) {
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
