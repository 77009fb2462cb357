import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '@fleettwin/platform';
import type { GatewayConfig } from '../config';
import { consoleAnswer, consoleDirectory } from './console-files';

/** The app only talks to its own origin; uPlot sets inline styles, hence 'unsafe-inline' for styles only. */
const CONSOLE_CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'";

/**
 * Serves the operations console (apps/console, built by Vite into CONSOLE_DIR) on every path that is
 * not the API's: `/v1`, `/docs`, `/openapi.json`, `/health` and `/metrics` always reach their routes.
 */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware {
  private readonly root: string | undefined;

  constructor(@Inject(CONFIG) config: GatewayConfig, @Inject(LOGGER) logger: Logger) {
    this.root = consoleDirectory(config.CONSOLE_DIR);
    if (this.root) logger.info({ dir: this.root }, 'serving the console');
    else logger.warn({ dir: config.CONSOLE_DIR }, 'console not built (npx nx run console:build); only the API is served');
  }

  use(req: Request, res: Response, next: NextFunction): void {
    // Middleware is mounted on a pattern, so Express strips req.path; the original URL holds the full path.
    const answer = consoleAnswer(req.method, new URL(req.originalUrl, 'http://console').pathname);
    if (!this.root || answer.kind === 'pass') return next();
    res.setHeader('x-content-type-options', 'nosniff');
    if (answer.kind === 'index') {
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('content-security-policy', CONSOLE_CSP);
      return res.sendFile('index.html', { root: this.root });
    }
    // sendFile with a root refuses `..` and dotfiles; a missing file falls through to the 404 of the API.
    res.sendFile(answer.file, { root: this.root, dotfiles: 'deny', maxAge: answer.immutable ? '365d' : 0, immutable: answer.immutable }, (error) => {
      if (error && !res.headersSent) next();
    });
  }
}
