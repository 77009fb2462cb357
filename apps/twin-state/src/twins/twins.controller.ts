import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Pool } from 'pg';
import { AssetId, type TwinView } from '@fleettwin/contracts';
import { toTwinView, type Twin } from '@fleettwin/domain-twin';
import { ApiError, PG_POOL } from '@fleettwin/platform';

@Controller('v1/twins')
export class TwinsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get(':assetId')
  async twin(@Param('assetId') assetId: string): Promise<TwinView> {
    const id = AssetId.safeParse(assetId);
    if (!id.success) throw new ApiError(400, 'INVALID_ASSET_ID', id.error.issues[0]?.message ?? 'invalid assetId', [{ path: 'assetId', message: id.error.issues[0]?.message ?? '' }]);
    const { rows } = await this.pool.query<{ state: Twin }>('SELECT state FROM twins WHERE asset_id = $1', [id.data]);
    const twin = rows[0]?.state;
    if (!twin) throw new ApiError(404, 'TWIN_NOT_FOUND', `no twin for asset ${id.data}`);
    return toTwinView(twin);
  }
}
