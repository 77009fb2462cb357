import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import { z } from 'zod';
import { AssetId, describeIssues, TenantId } from '@fleettwin/contracts';
import type { CalibrationReport } from '@fleettwin/predict';
import { ApiError, PG_POOL } from '@fleettwin/platform';

const ListQuery = z.object({ tenant: TenantId, invalid: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(10000).default(100) }).strict();

/** Each asset's calibration: fitted curve, fit error over its history, recent drift and validity. */
@Controller('v1')
export class CalibrationController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('assets/:assetId/calibration')
  async calibration(@Param('assetId') assetId: string): Promise<CalibrationReport & { tenant: string }> {
    const id = AssetId.safeParse(assetId);
    if (!id.success) throw new ApiError(400, 'INVALID_REQUEST', `invalid request: assetId: ${describeIssues(id.error)[0]?.message}`);
    const { rows } = await this.pool.query<{ tenant: string; report: CalibrationReport }>('SELECT tenant, report FROM asset_calibrations WHERE asset_id = $1', [id.data]);
    const row = rows[0];
    if (!row) throw new ApiError(404, 'CALIBRATION_NOT_FOUND', `no calibration for asset ${id.data}`);
    return { ...row.report, tenant: row.tenant };
  }

  /** A tenant's calibrations, invalid ones and the worst drift first. */
  @Get('calibration')
  async list(@Query() query: Record<string, string>): Promise<{ tenant: string; assets: CalibrationReport[] }> {
    const parsed = ListQuery.safeParse(query);
    if (!parsed.success) throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${describeIssues(parsed.error)[0]?.path}: ${describeIssues(parsed.error)[0]?.message}`);
    const { tenant, invalid, limit } = parsed.data;
    const { rows } = await this.pool.query<{ report: CalibrationReport }>(
      `SELECT report FROM asset_calibrations WHERE tenant = $1 AND ($2::boolean IS NULL OR valid = NOT $2::boolean)
       ORDER BY valid, drift_ratio DESC NULLS LAST, asset_id LIMIT $3`,
      [tenant, invalid === undefined ? null : invalid === 'true', limit],
    );
    return { tenant, assets: rows.map((r) => r.report) };
  }
}
