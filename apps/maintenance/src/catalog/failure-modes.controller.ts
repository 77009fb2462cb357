import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { describeIssues, TenantId } from '@fleettwin/contracts';
import { addFailureMode, updateFailureMode, type CatalogResult, type FailureMode, type FailureModeCatalog } from '@fleettwin/domain-failure-mode';
import { inTransaction } from '@fleettwin/postgres';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { AddFailureModeBody, UpdateFailureModeBody } from './failure-mode.body';
import { FailureModeCatalogStore } from './failure-mode-catalog';

function parse<S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error);
  throw new ApiError(400, 'INVALID', `invalid failure mode: ${details[0]?.path}: ${details[0]?.message}`, details);
}

const STATUS = { ALREADY_EXISTS: 409, NOT_FOUND: 404, INVALID: 400, RETIRED: 409 } as const;

/** The FMEA catalog (editable) and the advisories other tenants' propagations sent this tenant. */
@Controller('v1')
export class FailureModesController {
  private readonly catalog = new FailureModeCatalogStore();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('failure-modes')
  async list(): Promise<{ failureModes: FailureModeCatalog }> {
    return { failureModes: await this.catalog.load(this.pool) };
  }

  @Post('failure-modes')
  @HttpCode(201)
  async add(@Body() body: unknown): Promise<FailureMode> {
    const mode = parse(AddFailureModeBody, body);
    return this.change(mode.code, (catalog) => addFailureMode(catalog, { ...mode, retired: false }));
  }

  @Put('failure-modes/:code')
  async update(@Param('code') code: string, @Body() body: unknown): Promise<FailureMode> {
    const changes = parse(UpdateFailureModeBody, body ?? {});
    return this.change(code, (catalog) => updateFailureMode(catalog, code, changes as Partial<FailureMode>));
  }

  @Get('advisories')
  async advisories(@Query('tenant') tenant: string): Promise<{ advisories: unknown[] }> {
    const id = TenantId.safeParse(tenant);
    if (!id.success) throw new ApiError(400, 'INVALID_REQUEST', `tenant: ${id.error.issues[0]?.message}`);
    const { rows } = await this.pool.query<{ advisory: unknown }>('SELECT advisory FROM advisories WHERE tenant = $1 ORDER BY created_at DESC LIMIT 500', [id.data]);
    return { advisories: rows.map((r) => r.advisory) };
  }

  private change(code: unknown, edit: (catalog: FailureModeCatalog) => CatalogResult): Promise<FailureMode> {
    return inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('failure-mode-catalog'))");
      const result = edit(await this.catalog.load(client));
      if (!result.ok) throw new ApiError(STATUS[result.error.code], result.error.code, result.error.message, result.error.issues?.map((i) => ({ path: i.field, message: i.message })));
      await this.catalog.save(client, result.catalog);
      const saved = result.catalog.find((m) => m.code === code);
      if (!saved) throw new ApiError(400, 'INVALID', 'code is required');
      return saved;
    });
  }
}
