import { Module } from '@nestjs/common';
import { streamTopicSpecs } from '@fleettwin/contracts';
import { CONFIG, dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { PredictorConfig } from './config';
import { PREDICTOR_MIGRATIONS } from './infrastructure/migrations';
import { PredictionsController } from './predictions/predictions.controller';
import { readRulModel, RUL_MODEL } from './scoring/rul-model.provider';
import { TwinEventsConsumer } from './scoring/twin-events.consumer';

@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'predictor',
      config: PredictorConfig,
      migrations: PREDICTOR_MIGRATIONS,
      topics: (config) => [
        ...streamTopicSpecs('twinEvents', config.TOPIC_NAMESPACE, config.TWIN_EVENTS_PARTITIONS).map((spec) => ({ ...spec, growPartitions: false })),
        ...streamTopicSpecs('predictions', config.TOPIC_NAMESPACE, config.PREDICTIONS_PARTITIONS),
      ],
    }),
    HealthModule.register('predictor', dependencyHealthChecks),
  ],
  controllers: [PredictionsController],
  providers: [{ provide: RUL_MODEL, inject: [CONFIG], useFactory: (config: PredictorConfig) => readRulModel(config.MODEL_PATH) }, TwinEventsConsumer],
})
export class AppModule {}
