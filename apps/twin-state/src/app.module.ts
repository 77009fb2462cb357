import { Module } from '@nestjs/common';
import { telemetryTopicSpecs } from '@fleettwin/contracts';
import { dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { TwinStateConfig } from './config';
import { TWIN_STATE_MIGRATIONS } from './infrastructure/migrations';
import { TwinsModule } from './twins/twins.module';

@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'twin-state',
      config: TwinStateConfig,
      migrations: TWIN_STATE_MIGRATIONS,
      topics: (config) => telemetryTopicSpecs(config.TOPIC_NAMESPACE, config.TELEMETRY_PARTITIONS),
    }),
    TwinsModule,
    HealthModule.register('twin-state', dependencyHealthChecks),
  ],
})
export class AppModule {}
