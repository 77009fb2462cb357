import { Controller, Get, Query, Req } from '@nestjs/common';
import type { AssetView } from '@fleettwin/contracts';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { ServiceClient } from '../upstream/service-client';
import { pick } from '../upstream/ownership';

interface FleetHealth {
  tenant: string;
  modelVersion: string;
  horizon: number;
  assets: unknown[];
}

@Controller('v1/fleet')
export class FleetController {
  constructor(private readonly services: ServiceClient) {}

  /** The predictor's ranking and the registry's assets, both asked for the token's tenant only. */
  @Get()
  @Access('fleetOverview')
  async overview(@Req() req: AuthenticatedRequest, @Query() query: Record<string, unknown>) {
    const { tenant } = principalOf(req);
    const [health, registry] = await Promise.all([
      this.services.call<FleetHealth>('predictor', '/v1/fleet/health', { query: { tenant, ...pick(query, ['limit']) }, requestId: req.requestId }),
      this.services.call<{ assets: AssetView[] }>('twin-state', '/v1/assets', { query: { tenant }, requestId: req.requestId }),
    ]);
    return { tenant, modelVersion: health.modelVersion, horizon: health.horizon, ranking: health.assets, assets: registry.assets.filter((a) => a.tenant === tenant) };
  }
}
