import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { ApiErrorFilter } from './http-errors';
import { JsonNestLogger } from './logger';

export interface HttpAppOptions {
  module: Type<unknown>;
  logger: Logger;
  port: number;
  host?: string;
  bodyLimit?: string;
}

/** Boots a NestJS HTTP app the way every fleettwin service does: JSON logs, one error shape, graceful stop. */
export async function startHttpApp(options: HttpAppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(options.module, {
    logger: new JsonNestLogger(options.logger),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: options.bodyLimit ?? '1mb', strict: false });
  app.useGlobalFilters(new ApiErrorFilter(options.logger));
  app.enableShutdownHooks();
  await app.listen(options.port, options.host ?? '0.0.0.0');
  options.logger.info({ port: options.port }, 'listening');
  return app;
}

/** Runs a service's bootstrap and turns a start-up failure into one clear line and exit code 1. */
export function runService(name: string, logger: Logger, bootstrap: () => Promise<unknown>): void {
  bootstrap().catch((error: unknown) => {
    logger.fatal({ err: error }, `${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
