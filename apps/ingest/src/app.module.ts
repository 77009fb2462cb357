import { Module } from '@nestjs/common';
import { telemetryTopicSpecs } from '@fleettwin/contracts';
import { HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { IngestConfig } from './config';
import { ingestHealthChecks } from './health.providers';
import { INGEST_MIGRATIONS } from './infrastructure/migrations';
import { TelemetryModule } from './telemetry/telemetry.module';

@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'ingest',
      config: IngestConfig,
      migrations: INGEST_MIGRATIONS,
      topics: (config) => telemetryTopicSpecs(config.TOPIC_NAMESPACE, config.TELEMETRY_PARTITIONS),
    }),
    TelemetryModule,
    HealthModule.register('ingest', ingestHealthChecks, [TelemetryModule]),
  ],
})
export class AppModule {}
