import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { createKafka, DeadLetterPublisher, ensureTopics, EventProducer, type TopicSpec } from '@fleettwin/messaging';
import { createPool, ensureDatabase, migrate, type Migration } from '@fleettwin/postgres';
import { brokerList, loadConfig, type BaseConfig } from './config';
import { createLogger } from './logger';
import { CONFIG, KAFKA, LOGGER, PG_POOL, PRODUCER } from './tokens';

type ServiceConfig = z.infer<typeof BaseConfig>;

export interface InfrastructureOptions<C extends ServiceConfig> {
  service: string;
  config: z.ZodType<C, z.ZodTypeDef, unknown>;
  migrations: readonly Migration[];
  /** Topics this service produces to or must find, created at start with explicit partitions. */
  topics(config: C): TopicSpec[];
}

/**
 * A service's connections to the outside, started in order: validated config, JSON logger,
 * Kafka (topics ensured, idempotent producer), Postgres (database created, migrations applied).
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(PRODUCER) private readonly producer: EventProducer, @Inject(PG_POOL) private readonly pool: Pool) {}

  static forService<C extends ServiceConfig>(options: InfrastructureOptions<C>): DynamicModule {
    return {
      module: InfrastructureModule,
      global: true,
      providers: [
        { provide: CONFIG, useFactory: () => loadConfig(options.config) },
        { provide: LOGGER, useFactory: () => createLogger(options.service) },
        {
          provide: KAFKA,
          inject: [CONFIG, LOGGER],
          useFactory: async (config: C, logger: Logger) => {
            const kafka = createKafka(brokerList(config.KAFKA_BROKERS), options.service, logger);
            await ensureTopics(kafka, options.topics(config));
            return kafka;
          },
        },
        {
          provide: PRODUCER,
          inject: [KAFKA],
          useFactory: async (kafka: Kafka) => {
            const producer = new EventProducer(kafka);
            await producer.connect();
            return producer;
          },
        },
        {
          provide: PG_POOL,
          inject: [CONFIG, LOGGER],
          useFactory: async (config: C, logger: Logger) => {
            await ensureDatabase(config.DATABASE_URL);
            const pool = createPool(config.DATABASE_URL);
            // An idle connection cut by a database restart is an 'error' event on the pool; unheard, it kills the process.
            pool.on('error', (error) => logger.warn({ err: error }, 'idle PostgreSQL connection lost; the pool reconnects on next use'));
            const applied = await migrate(pool, options.service, options.migrations);
            if (applied.length) logger.info({ applied }, 'migrations applied');
            return pool;
          },
        },
        { provide: DeadLetterPublisher, inject: [PRODUCER], useFactory: (producer: EventProducer) => new DeadLetterPublisher(producer, `/${options.service}`) },
      ],
      exports: [CONFIG, LOGGER, KAFKA, PRODUCER, PG_POOL, DeadLetterPublisher],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.pool.end();
  }
}
