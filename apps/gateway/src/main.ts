import 'reflect-metadata';
import { createLogger, loadConfig, runService, startHttpApp } from '@fleettwin/platform';
import { AppModule } from './app.module';
import { GatewayConfig } from './config';

const logger = createLogger('gateway');
runService('gateway', logger, async () => {
  const config = loadConfig(GatewayConfig);
  await startHttpApp({ module: AppModule, logger, port: config.PORT });
});
