import 'reflect-metadata';
import { createLogger, loadConfig, runService, startHttpApp } from '@fleettwin/platform';
import { AppModule } from './app.module';
import { IngestConfig } from './config';

const logger = createLogger('ingest');
runService('ingest', logger, async () => {
  const config = loadConfig(IngestConfig);
  await startHttpApp({ module: AppModule, logger, port: config.PORT, bodyLimit: config.HTTP_BODY_LIMIT });
});
