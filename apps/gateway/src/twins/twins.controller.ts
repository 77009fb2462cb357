import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { TwinView } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { notFound, ServiceClient } from '../upstream/service-client';
import { Ownership, pick } from '../upstream/ownership';

/** Twins: every call first proves the twin is the caller's tenant's, then asks twin-state. */
@Controller('v1/twins/:id')
export class TwinsController {
  constructor(private readonly services: ServiceClient, private readonly ownership: Ownership) {}

  @Get()
  @Access('twin')
  async twin(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<TwinView> {
    const { tenant } = principalOf(req);
    const live = await this.ownership.twin<TwinView>(id, tenant, req.requestId);
    if (typeof query.at !== 'string') return live;
    const past = await this.services.call<TwinView>('twin-state', `/v1/twins/${encodeURIComponent(id)}`, { query: { at: query.at }, requestId: req.requestId });
    if (past.tenant !== tenant) throw notFound();
    return past;
  }

  @Get('events')
  @Access('twinEvents')
  async events(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<unknown> {
    await this.ownership.twin(id, principalOf(req).tenant, req.requestId);
    return this.services.call('twin-state', `/v1/twins/${encodeURIComponent(id)}/events`, { query: pick(query, ['after', 'limit']), requestId: req.requestId });
  }

  @Get('history')
  @Access('twinHistory')
  async history(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<unknown> {
    await this.ownership.twin(id, principalOf(req).tenant, req.requestId);
    const sensor = query.sensor;
    if (typeof sensor !== 'string' || !sensor) throw new ApiError(400, 'INVALID_QUERY', 'sensor is required', [{ path: 'sensor', message: 'required' }]);
    return this.services.call('twin-state', `/v1/twins/${encodeURIComponent(id)}/sensors/${encodeURIComponent(sensor)}/history`, { query: pick(query, ['from', 'to', 'step']), requestId: req.requestId });
  }

  @Post('commands')
  @HttpCode(202)
  @Access('twinCommand')
  async command(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown): Promise<unknown> {
    const { tenant, sub } = principalOf(req);
    await this.ownership.twin(id, tenant, req.requestId);
    return this.services.call('twin-state', `/v1/twins/${encodeURIComponent(id)}/commands`, { method: 'POST', body: body ?? {}, headers: { 'x-actor': sub, 'x-tenant': tenant }, requestId: req.requestId });
  }
}
