import 'reflect-metadata';
import { createLogger, loadConfig, runService, startHttpApp } from '@fleettwin/platform';
import { AppModule } from './app.module';
import { TwinStateConfig } from './config';

const logger = createLogger('twin-state');
runService('twin-state', logger, async () => {
  const config = loadConfig(TwinStateConfig);
  await startHttpApp({ module: AppModule, logger, port: config.PORT });
});
