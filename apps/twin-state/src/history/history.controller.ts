import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import { AssetId, describeIssues } from '@fleettwin/contracts';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { FrameHistory, type HistoryBucket } from './frame-history';
import { HistoryParams } from './history.params';

export interface HistoryView {
  assetId: string;
  sensor: string;
  from: string;
  to: string;
  stepSeconds: number;
  buckets: HistoryBucket[];
}

@Controller('v1/twins/:assetId/sensors/:sensor/history')
export class HistoryController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly history: FrameHistory) {}

  @Get()
  async sensorHistory(@Param('assetId') assetId: string, @Param('sensor') sensor: string, @Query() query: Record<string, string>): Promise<HistoryView> {
    const id = AssetId.safeParse(assetId);
    const params = HistoryParams.safeParse({ ...query, sensor });
    if (!id.success || !params.success) {
      const details = [...(id.success ? [] : describeIssues(id.error).map((d) => ({ ...d, path: 'assetId' }))), ...(params.success ? [] : describeIssues(params.error))];
      throw new ApiError(400, 'INVALID_HISTORY_QUERY', `invalid history query: ${details[0]?.path}: ${details[0]?.message}`, details);
    }
    const exists = await this.pool.query('SELECT 1 FROM twins WHERE asset_id = $1', [id.data]);
    if (!exists.rowCount) throw new ApiError(404, 'TWIN_NOT_FOUND', `no twin for asset ${id.data}`);
    const { from, to, step } = params.data;
    const buckets = await this.history.query(this.pool, { assetId: id.data, sensor: params.data.sensor, from, to, stepSeconds: step });
    return { assetId: id.data, sensor: params.data.sensor, from: from.toISOString(), to: to.toISOString(), stepSeconds: step, buckets };
  }
}
