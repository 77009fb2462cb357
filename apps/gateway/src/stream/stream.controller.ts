import { Controller, Get, Inject, Query, Req, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import { LiveUpdateType, type LiveUpdate } from '@fleettwin/contracts';
import { ApiError, CONFIG } from '@fleettwin/platform';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import type { GatewayConfig } from '../config';
import { Access } from '../routes/access.decorator';
import { LiveUpdates } from './live-updates';

const MAX_BUFFERED_BYTES = 1024 * 1024;

/** `GET /v1/stream`: Server-Sent Events of the caller's tenant only, with a heartbeat comment. */
@Controller('v1/stream')
export class StreamController implements BeforeApplicationShutdown {
  private readonly open = new Set<Response>();

  constructor(private readonly updates: LiveUpdates, @Inject(CONFIG) private readonly config: GatewayConfig) {}

  @Get()
  @Access('stream')
  stream(@Req() req: AuthenticatedRequest, @Res() res: Response, @Query('types') types?: string): void {
    const { tenant } = principalOf(req);
    const wanted = parseTypes(types);
    res.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.flushHeaders();
    res.write(`retry: 3000\n: subscribed to ${[...wanted].join(',')}\n\n`);
    const unsubscribe = this.updates.subscribe((update) => {
      if (update.tenant !== tenant || !wanted.has(update.type)) return;
      // A client that stopped reading would make the gateway buffer without bound: drop it, it reconnects.
      if (res.writableLength > MAX_BUFFERED_BYTES) return void res.end();
      res.write(frame(update));
    });
    const heartbeat = setInterval(() => res.write(`: heartbeat ${new Date().toISOString()}\n\n`), this.config.SSE_HEARTBEAT_SECONDS * 1000);
    this.open.add(res);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    });
  }

  /** Open streams would hold a graceful stop forever; end them so clients reconnect elsewhere. */
  beforeApplicationShutdown(): void {
    for (const res of this.open) res.end();
  }
}

function parseTypes(types: string | undefined): Set<LiveUpdateType> {
  if (!types) return new Set(LiveUpdateType.options);
  const parsed = types.split(',').map((t) => LiveUpdateType.safeParse(t.trim()));
  const bad = parsed.findIndex((p) => !p.success);
  if (bad >= 0) throw new ApiError(400, 'INVALID_QUERY', `types: one or more of ${LiveUpdateType.options.join(', ')}`, [{ path: 'types', message: 'unknown type' }]);
  return new Set(parsed.flatMap((p) => (p.success ? [p.data] : [])));
}

function frame(update: LiveUpdate): string {
  return `id: ${update.id}\nevent: ${update.type}\ndata: ${JSON.stringify(update)}\n\n`;
}
