import { Module } from '@nestjs/common';
import { AUDIT_MIGRATIONS, AuditModule, callerHeadersSubject } from '@fleettwin/audit';
import { streamTopicSpecs } from '@fleettwin/contracts';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { HealthModule, InfrastructureModule, KAFKA, kafkaCheck, PG_POOL, postgresCheck } from '@fleettwin/platform';
import { CommandChannel } from './commands/command-channel.mqtt';
import { TwinStateConfig } from './config';
import { TWIN_STATE_MIGRATIONS } from './infrastructure/migrations';
import { AssetsModule } from './assets/assets.module';
import { CommandsModule } from './commands/commands.module';
import { TwinsModule } from './twins/twins.module';

@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'twin-state',
      config: TwinStateConfig,
      migrations: [...TWIN_STATE_MIGRATIONS, ...AUDIT_MIGRATIONS],
      topics: (config) => [
        ...streamTopicSpecs('telemetry', config.TOPIC_NAMESPACE, config.TELEMETRY_PARTITIONS).map((spec) => ({ ...spec, growPartitions: false })),
        ...streamTopicSpecs('twinEvents', config.TOPIC_NAMESPACE, config.TELEMETRY_PARTITIONS),
      ],
    }),
    TwinsModule,
    CommandsModule,
    AssetsModule,
    // Registry and command calls: who (x-actor), what, when, from where; append-only (libs/audit).
    AuditModule.forService({ service: 'twin-state', subject: callerHeadersSubject }),
    HealthModule.register(
      'twin-state',
      {
        inject: [KAFKA, PG_POOL, CommandChannel],
        useFactory: (kafka: Kafka, pool: Pool, channel: CommandChannel) => ({
          kafka: kafkaCheck(kafka),
          postgres: postgresCheck(pool),
          mqtt: async () => {
            if (!channel.connected) throw new Error('not connected to the MQTT broker');
          },
        }),
      },
      [CommandsModule],
    ),
  ],
})
export class AppModule {}
