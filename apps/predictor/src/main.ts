import 'reflect-metadata';
import { createLogger, loadConfig, runService, startHttpApp } from '@fleettwin/platform';
import { AppModule } from './app.module';
import { PredictorConfig } from './config';

const logger = createLogger('predictor');
runService('predictor', logger, async () => {
  const config = loadConfig(PredictorConfig);
  await startHttpApp({ module: AppModule, logger, port: config.PORT });
});
