import { Module } from '@nestjs/common';
import { dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { MaintenanceConfig } from './config';

/** Boots and reports health; its features arrive with their issues. */
@Module({
  imports: [
    InfrastructureModule.forService({ service: 'maintenance', config: MaintenanceConfig, migrations: [], topics: () => [] }),
    HealthModule.register('maintenance', dependencyHealthChecks),
  ],
})
export class AppModule {}
