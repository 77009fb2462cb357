import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { startTracing } from '@fleettwin/tracing';
import { drainOnSignals } from './graceful-shutdown';
import { ApiErrorFilter } from './http-errors';
import { JsonNestLogger } from './logger';
import { refuseUnstorableBody } from './storable-text';

export interface HttpAppOptions {
  module: Type<unknown>;
  logger: Logger;
  port: number;
  host?: string;
  bodyLimit?: string;
}

/** Boots a NestJS HTTP app the way every fleettwin service does: JSON logs, one error shape, a drain on SIGTERM. */
export async function startHttpApp(options: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    logger: new JsonNestLogger(options.logger),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb', strict: false });
  app.use(refuseUnstorableBody);
  app.useGlobalFilters(new ApiErrorFilter(options.logger));
  // Not Nest's enableShutdownHooks: it re-raises the signal after closing (exit 143) and closes
  // the HTTP server only after the consumers; drainOnSignals stops intake first and exits 0.
  drainOnSignals(app, options.logger);
  await app.listen(options.port, options.host ?? '0.0.0.0');
  options.logger.info({ port: options.port }, 'listening');
  return app;
}

/**
 * Starts tracing (when OTEL_EXPORTER_OTLP_ENDPOINT is set), runs a service's bootstrap, and turns a
 * start-up failure into one clear line and exit code 1.
 */
export function runService(name: string, logger: Logger, bootstrap: () => Promise<unknown>): void {
  Promise.resolve()
    .then(() => {
      const tracing = startTracing(name, process.env, (message) => logger.warn({ otel: true }, `tracing: ${message}`));
      if (tracing) logger.info({ tracesUrl: tracing.tracesUrl, sampler: tracing.sampler }, 'tracing to OTLP endpoint');
      return bootstrap();
    })
    .catch((error: unknown) => {
      logger.fatal({ err: error }, `${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
