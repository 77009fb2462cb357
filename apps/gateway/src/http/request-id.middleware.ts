import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import { LOGGER } from '@fleettwin/platform';
import type { AuthenticatedRequest } from '../auth/principal';

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id (the caller's, if well-formed), echoes it in `x-request-id` and logs one line per request. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  use(req: AuthenticatedRequest, res: Response, next: NextFunction): void {
    const incoming = req.header('x-request-id');
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.logger.info({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms), sub: req.principal?.sub, tenant: req.principal?.tenant }, 'request');
    });
    next();
  }
}
