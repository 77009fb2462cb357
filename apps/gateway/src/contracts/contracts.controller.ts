import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { pick } from '../upstream/ownership';
import { ServiceClient } from '../upstream/service-client';

/**
 * Service contracts and their ledger, at maintenance, always for the token's tenant: maintenance
 * answers another tenant's contract with 404, which the gateway passes on as its own 404.
 */
@Controller('v1/contracts')
export class ContractsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Access('contracts')
  list(@Req() req: AuthenticatedRequest): Promise<unknown> {
    return this.call(req, '/v1/contracts');
  }

  @Post()
  @HttpCode(201)
  @Access('contractCreate')
  create(@Req() req: AuthenticatedRequest, @Body() body: unknown, @Headers('idempotency-key') key?: string): Promise<unknown> {
    return this.call(req, '/v1/contracts', { method: 'POST', body: body ?? {}, key });
  }

  @Get(':id')
  @Access('contract')
  get(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<unknown> {
    return this.call(req, `/v1/contracts/${encodeURIComponent(id)}`);
  }

  @Get(':id/ledger')
  @Access('contractLedger')
  ledger(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<unknown> {
    return this.call(req, `/v1/contracts/${encodeURIComponent(id)}/ledger`, { query: pick(query, ['period', 'after', 'limit']) });
  }

  @Post(':id/amendments')
  @HttpCode(201)
  @Access('contractAmend')
  amend(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown, @Headers('idempotency-key') key?: string): Promise<unknown> {
    return this.call(req, `/v1/contracts/${encodeURIComponent(id)}/amendments`, { method: 'POST', body: body ?? {}, key });
  }

  @Post(':id/periods/:period/close')
  @HttpCode(200)
  @Access('contractClosePeriod')
  close(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Param('period') period: string, @Headers('idempotency-key') key?: string): Promise<unknown> {
    return this.call(req, `/v1/contracts/${encodeURIComponent(id)}/periods/${encodeURIComponent(period)}/close`, { method: 'POST', body: {}, key });
  }

  private call(req: AuthenticatedRequest, path: string, options: { method?: 'GET' | 'POST'; body?: unknown; query?: Record<string, string | undefined>; key?: string } = {}): Promise<unknown> {
    const { tenant, sub } = principalOf(req);
    return this.services.call('maintenance', path, {
      method: options.method,
      body: options.body,
      query: options.query,
      requestId: req.requestId,
      headers: { 'x-tenant': tenant, 'x-actor': sub, ...(options.key ? { 'idempotency-key': options.key.slice(0, 200) } : {}) },
    });
  }
}
