import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { AcceptPlanRequest, CreatePlanRequest, describeIssues, PlanId, ReplanRequest, StorePlanSettingsRequest, TenantId } from '@fleettwin/contracts';
import { planView, type PlanDrift, type PlanView } from '@fleettwin/domain-plan';
import { PlanNotFound } from '@fleettwin/plan-solver';
import { ApiError } from '@fleettwin/platform';
import { PlanRefused, Plans } from './plans.service';

const Limit = z.coerce.number().int().min(1).max(200);

const STATUS: Record<PlanRefused['refusal']['code'], number> = { NOT_FOUND: 404, ALREADY_EXISTS: 409, INVALID: 422, STALE_REVISION: 409, NO_SETTINGS: 422, CHANGED_MEANWHILE: 409 };

/**
 * `/v1/plans`: maintenance plans of a tenant's open work orders (internal API: the gateway passes
 * the tenant from the caller's token and the user as `x-actor`).
 */
@Controller('v1')
export class PlansController {
  constructor(private readonly plans: Plans) {}

  @Post('plans')
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers('x-actor') actor?: string): Promise<PlanView> {
    const request = parse(CreatePlanRequest, body);
    return planView(await refusals(() => this.plans.propose(request.tenant, actorOf(actor), now(), request)));
  }

  @Get('plans')
  async list(@Query('tenant') tenant: unknown, @Query('limit') limit: unknown) {
    const t = parse(TenantId, tenant);
    return { tenant: t, plans: await this.plans.list(t, parse(Limit, limit ?? '50')) };
  }

  /** The plan, with how the open orders drifted from it since (new, closed, due moved): when to re-plan. */
  @Get('plans/:id')
  async get(@Param('id') id: string, @Query('tenant') tenant: unknown): Promise<PlanView & { drift: PlanDrift }> {
    const plan = await this.plans.find(parse(TenantId, tenant), parse(PlanId, id));
    if (!plan) throw new ApiError(404, 'NOT_FOUND', `no plan ${id}`);
    return { ...planView(plan), drift: await this.plans.drift(plan) };
  }

  @Post('plans/:id/accept')
  @HttpCode(200)
  async accept(@Param('id') id: string, @Body() body: unknown, @Headers('x-actor') actor?: string): Promise<PlanView> {
    const request = parse(AcceptPlanRequest, body);
    return planView(await refusals(() => this.plans.accept(request.tenant, parse(PlanId, id), request.revision, actorOf(actor), now())));
  }

  @Post('plans/:id/replan')
  @HttpCode(200)
  async replan(@Param('id') id: string, @Body() body: unknown, @Headers('x-actor') actor?: string): Promise<PlanView> {
    const request = parse(ReplanRequest, body);
    return planView(await refusals(() => this.plans.replan(request.tenant, parse(PlanId, id), actorOf(actor), now(), request.settings, request.predictedOrders)));
  }

  @Post('plan-settings')
  @HttpCode(200)
  async storeSettings(@Body() body: unknown) {
    const request = parse(StorePlanSettingsRequest, body);
    await this.plans.storeSettings(request.tenant, request.settings, now());
    return request;
  }

  @Get('plan-settings')
  async settings(@Query('tenant') tenant: unknown) {
    const settings = await this.plans.storedSettings(parse(TenantId, tenant));
    if (!settings) throw new ApiError(404, 'NOT_FOUND', 'no stored plan settings');
    return { tenant, settings };
  }
}

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error);
  throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
}

async function refusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PlanRefused) throw new ApiError(STATUS[error.refusal.code], error.refusal.code, error.refusal.message);
    if (error instanceof PlanNotFound) throw new ApiError(422, 'NO_PLAN', error.message);
    throw error;
  }
}

function actorOf(header: string | undefined): string {
  return header?.trim().slice(0, 200) || 'unknown';
}

function now(): string {
  return new Date().toISOString();
}
