import { Module } from '@nestjs/common';
import { streamTopicSpecs } from '@fleettwin/contracts';
import { CONFIG, dependencyHealthChecks, HealthModule, InfrastructureModule } from '@fleettwin/platform';
import { CalibrationConsumer } from './calibration/calibration.consumer';
import { CalibrationController } from './calibration/calibration.controller';
import { CALIBRATION_MIGRATIONS } from './calibration/calibration.migrations';
import { PredictorConfig } from './config';
import { PREDICTOR_MIGRATIONS } from './infrastructure/migrations';
import { PredictionsController } from './predictions/predictions.controller';
import { readRulModel, RUL_MODEL } from './scoring/rul-model.provider';
import { TwinEventsConsumer } from './scoring/twin-events.consumer';
import { ScenarioService } from './scenarios/scenario.service';
import { ScenarioStore } from './scenarios/scenario.store';
import { ScenariosController } from './scenarios/scenarios.controller';
import { SCENARIO_MIGRATIONS } from './scenarios/scenarios.migrations';

@Module({
  imports: [
    InfrastructureModule.forService({
      service: 'predictor',
      config: PredictorConfig,
      migrations: [...PREDICTOR_MIGRATIONS, ...CALIBRATION_MIGRATIONS, ...SCENARIO_MIGRATIONS],
      topics: (config) => [
        ...streamTopicSpecs('twinEvents', config.TOPIC_NAMESPACE, config.TWIN_EVENTS_PARTITIONS).map((spec) => ({ ...spec, growPartitions: false })),
        ...streamTopicSpecs('predictions', config.TOPIC_NAMESPACE, config.PREDICTIONS_PARTITIONS),
      ],
    }),
    HealthModule.register('predictor', dependencyHealthChecks),
  ],
  controllers: [PredictionsController, CalibrationController, ScenariosController],
  providers: [{ provide: RUL_MODEL, inject: [CONFIG], useFactory: (config: PredictorConfig) => readRulModel(config.MODEL_PATH) }, TwinEventsConsumer, CalibrationConsumer, ScenarioStore, ScenarioService],
})
export class AppModule {}
