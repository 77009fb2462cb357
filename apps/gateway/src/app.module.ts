import { Module } from '@nestjs/common';
import { dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { GatewayConfig } from './config';

/** Boots and reports health; its features arrive with their issues. */
@Module({
  imports: [
    InfrastructureModule.forService({ service: 'gateway', config: GatewayConfig, migrations: [], topics: () => [] }),
    HealthModule.register('gateway', dependencyHealthChecks),
  ],
})
export class AppModule {}
