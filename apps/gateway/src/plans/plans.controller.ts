import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import type { z } from 'zod';
import { describeIssues, GatewayAcceptPlanBody, GatewayCreatePlanBody, GatewayReplanBody } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { pick } from '../upstream/ownership';
import { notFound, ServiceClient } from '../upstream/service-client';

interface PlanView {
  planId: string;
  tenant: string;
}

/** Maintenance plans, always computed and read for the token's tenant; another tenant's plan is not found. */
@Controller('v1')
export class PlansController {
  constructor(private readonly services: ServiceClient) {}

  @Get('plans')
  @Access('plans')
  async list(@Req() req: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<{ plans: PlanView[] }> {
    const { tenant } = principalOf(req);
    const page = await this.services.call<{ tenant: string; plans: PlanView[] }>('maintenance', '/v1/plans', { query: { tenant, ...pick(query, ['limit']) }, requestId: req.requestId });
    if (page.tenant !== tenant) throw notFound();
    return { plans: page.plans };
  }

  @Post('plans')
  @HttpCode(201)
  @Access('planCreate')
  async create(@Req() req: AuthenticatedRequest, @Body() body: unknown): Promise<PlanView> {
    const { tenant, sub } = principalOf(req);
    const request = parse(GatewayCreatePlanBody, body ?? {});
    return owned(await this.services.call<PlanView>('maintenance', '/v1/plans', { method: 'POST', body: { ...request, tenant }, headers: { 'x-actor': sub }, requestId: req.requestId }), tenant);
  }

  @Get('plans/:id')
  @Access('plan')
  async get(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<PlanView> {
    const { tenant } = principalOf(req);
    return owned(await this.services.call<PlanView>('maintenance', `/v1/plans/${encodeURIComponent(id)}`, { query: { tenant }, requestId: req.requestId }), tenant);
  }

  @Post('plans/:id/accept')
  @HttpCode(200)
  @Access('planAccept')
  async accept(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown): Promise<PlanView> {
    const { tenant, sub } = principalOf(req);
    const request = parse(GatewayAcceptPlanBody, body ?? {});
    return owned(await this.services.call<PlanView>('maintenance', `/v1/plans/${encodeURIComponent(id)}/accept`, { method: 'POST', body: { ...request, tenant }, headers: { 'x-actor': sub }, requestId: req.requestId }), tenant);
  }

  @Post('plans/:id/replan')
  @HttpCode(200)
  @Access('planReplan')
  async replan(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown): Promise<PlanView> {
    const { tenant, sub } = principalOf(req);
    const request = parse(GatewayReplanBody, body ?? {});
    return owned(await this.services.call<PlanView>('maintenance', `/v1/plans/${encodeURIComponent(id)}/replan`, { method: 'POST', body: { ...request, tenant }, headers: { 'x-actor': sub }, requestId: req.requestId }), tenant);
  }
}

function owned(plan: PlanView, tenant: string): PlanView {
  if (plan.tenant !== tenant) throw notFound();
  return plan;
}

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error);
  throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
}
