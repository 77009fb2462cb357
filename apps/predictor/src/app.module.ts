import { Module } from '@nestjs/common';
import { dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { PredictorConfig } from './config';

/** Boots and reports health; its features arrive with their issues. */
@Module({
  imports: [
    InfrastructureModule.forService({ service: 'predictor', config: PredictorConfig, migrations: [], topics: () => [] }),
    HealthModule.register('predictor', dependencyHealthChecks),
  ],
})
export class AppModule {}
