import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { consumerLag, processingSeconds } from '@fleettwin/metrics';

export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: KafkaMessage[];
  heartbeat(): Promise<void>;
}

export interface PartitionConsumerOptions {
  groupId: string;
  topics: string[];
  /** Handles one partition's batch. The handler makes its own effects durable (with the offsets) before it returns. */
  handle(batch: PartitionBatch): Promise<void>;
  logger: Logger;
  partitionsConsumedConcurrently?: number;
}

/**
 * Consumes in per-partition batches. Kafka offsets are committed only after the handler has
 * returned, so they trail what the handler made durable; handlers dedupe with their own stored
 * offsets, which makes a crash at any point neither lose nor double-apply a message.
 */
export async function startPartitionConsumer(kafka: Kafka, options: PartitionConsumerOptions): Promise<Consumer> {
  const consumer = kafka.consumer({ groupId: options.groupId, sessionTimeout: 15000, heartbeatInterval: 3000, maxBytesPerPartition: 2 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics: options.topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
    eachBatch: async ({ batch, heartbeat, resolveOffset, commitOffsetsIfNecessary, isRunning, isStale }) => {
      if (!isRunning() || isStale() || batch.messages.length === 0) return;
      consumerLag.set({ group: options.groupId, topic: batch.topic }, Number(batch.offsetLag()));
      const done = processingSeconds.startTimer({ service: options.groupId });
      await options.handle({ topic: batch.topic, partition: batch.partition, messages: batch.messages, heartbeat });
      done();
      resolveOffset(batch.lastOffset());
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(batch.lastOffset()) + 1n).toString() }] }],
      });
    },
  });
  return consumer;
}
