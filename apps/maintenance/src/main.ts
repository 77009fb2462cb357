import 'reflect-metadata';
import { createLogger, loadConfig, runService, startHttpApp } from '@fleettwin/platform';
import { AppModule } from './app.module';
import { MaintenanceConfig } from './config';

const logger = createLogger('maintenance');
runService('maintenance', logger, async () => {
  const config = loadConfig(MaintenanceConfig);
  await startHttpApp({ module: AppModule, logger, port: config.PORT });
});
