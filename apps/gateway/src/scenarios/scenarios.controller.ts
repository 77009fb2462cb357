import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiError } from '@fleettwin/platform';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { Ownership, pick } from '../upstream/ownership';
import { ServiceClient } from '../upstream/service-client';

/**
 * What-if scenarios run by the predictor. The tenant always comes from the token: it is forced into
 * every request and every read, so another tenant's scenario or asset is simply not found.
 */
@Controller('v1')
export class ScenariosController {
  constructor(private readonly services: ServiceClient, private readonly ownership: Ownership) {}

  @Post('scenarios')
  @HttpCode(201)
  @Access('scenarioCreate')
  async create(@Req() req: AuthenticatedRequest, @Body() body: unknown): Promise<unknown> {
    const { tenant, sub } = principalOf(req);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'INVALID_REQUEST', 'the body is a JSON object');
    return this.services.call('predictor', '/v1/scenarios', { method: 'POST', body: { ...body, tenant }, headers: { 'x-actor': sub }, requestId: req.requestId });
  }

  @Get('scenarios')
  @Access('scenarios')
  async list(@Req() req: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    return this.services.call('predictor', '/v1/scenarios', { query: { tenant: principalOf(req).tenant, ...pick(query, ['limit']) }, requestId: req.requestId });
  }

  @Get('scenarios/:id')
  @Access('scenario')
  async get(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<unknown> {
    return this.services.call('predictor', `/v1/scenarios/${encodeURIComponent(id)}`, { query: { tenant: principalOf(req).tenant }, requestId: req.requestId });
  }

  @Post('scenarios/:id/rerun')
  @HttpCode(200)
  @Access('scenarioRerun')
  async rerun(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<unknown> {
    return this.services.call('predictor', `/v1/scenarios/${encodeURIComponent(id)}/rerun`, { method: 'POST', query: { tenant: principalOf(req).tenant }, requestId: req.requestId });
  }

  @Get('calibrations')
  @Access('calibrations')
  async calibrations(@Req() req: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<unknown> {
    return this.services.call('predictor', '/v1/calibration', { query: { tenant: principalOf(req).tenant, ...pick(query, ['invalid', 'limit']) }, requestId: req.requestId });
  }

  @Get('assets/:id/calibration')
  @Access('assetCalibration')
  async calibration(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<unknown> {
    await this.ownership.twin(id, principalOf(req).tenant, req.requestId);
    return this.services.call('predictor', `/v1/assets/${encodeURIComponent(id)}/calibration`, { requestId: req.requestId });
  }
}
