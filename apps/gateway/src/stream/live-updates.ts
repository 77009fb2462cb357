import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { topicName, type LiveUpdate, type LiveUpdateType, type StreamName } from '@fleettwin/contracts';
import { CONFIG, KAFKA, LOGGER } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';
import { toLiveUpdate } from './live-update.parser';

const SOURCES: Record<LiveUpdateType, StreamName> = { twin: 'twinEvents', prediction: 'predictions', 'work-order': 'maintenance' };
const JOIN_TIMEOUT_MS = 30_000;

export type LiveListener = (update: LiveUpdate) => void;

/**
 * One Kafka consumer per gateway instance, in a group of its own reading from the latest offsets:
 * every instance sees every change and hands it to its own connected clients.
 */
@Injectable()
export class LiveUpdates implements OnModuleInit, OnApplicationShutdown {
  private readonly listeners = new Set<LiveListener>();
  private consumer?: Consumer;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka, @Inject(CONFIG) private readonly config: GatewayConfig, @Inject(LOGGER) private readonly logger: Logger) {}

  async onModuleInit(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `${this.config.GATEWAY_GROUP_PREFIX}-${randomUUID()}`, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    const byTopic = new Map(Object.entries(SOURCES).map(([type, stream]) => [topicName(stream, this.config.TOPIC_NAMESPACE), type as LiveUpdateType]));
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: false });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const type = byTopic.get(topic);
        const update = type && toLiveUpdate(type, message, `${topic}:${partition}:${message.offset}`);
        if (update) this.publish(update);
      },
    });
    await Promise.race([joined, new Promise((r) => setTimeout(r, JOIN_TIMEOUT_MS))]);
    this.logger.info({ topics: [...byTopic.keys()] }, 'live updates consumer joined');
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private publish(update: LiveUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (error) {
        this.logger.warn({ err: error }, 'a live-update listener failed');
      }
    }
  }
}
