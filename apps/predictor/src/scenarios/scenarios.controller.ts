import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { describeIssues, TenantId } from '@fleettwin/contracts';
import { ApiError } from '@fleettwin/platform';
import { ScenarioRequest } from './scenario.request';
import { ScenarioService, type RerunAnswer, type ScenarioView } from './scenario.service';

const ListQuery = z.object({ tenant: TenantId, limit: z.coerce.number().int().min(1).max(1000).default(50) }).strict();
const OwnerQuery = z.object({ tenant: TenantId.optional() }).strict();
const ScenarioId = z.string().regex(/^scn-[0-9a-f-]{36}$/, 'a scenario id is scn-<uuid>');

/** What-if scenarios on calibrated asset models: run, store, read back, rerun. */
@Controller('v1/scenarios')
export class ScenariosController {
  constructor(@Inject(ScenarioService) private readonly scenarios: ScenarioService) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers('x-actor') actor?: string): Promise<ScenarioView> {
    return this.scenarios.create(parse(ScenarioRequest, body), actor ?? null);
  }

  @Get()
  async list(@Query() query: Record<string, string>) {
    const { tenant, limit } = parse(ListQuery, query);
    return { tenant, scenarios: await this.scenarios.list(tenant, limit) };
  }

  /** `?tenant=` (the gateway always sends it): another tenant's scenario is not found. */
  @Get(':id')
  async get(@Param('id') id: string, @Query() query: Record<string, string>): Promise<ScenarioView> {
    return this.scenarios.get(parse(ScenarioId, id, 'id'), parse(OwnerQuery, query).tenant);
  }

  @Post(':id/rerun')
  @HttpCode(200)
  async rerun(@Param('id') id: string, @Query() query: Record<string, string>): Promise<RerunAnswer> {
    return this.scenarios.rerun(parse(ScenarioId, id, 'id'), parse(OwnerQuery, query).tenant);
  }
}

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, path?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error).map((d) => (path && d.path === '(root)' ? { ...d, path } : d));
  throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
}
