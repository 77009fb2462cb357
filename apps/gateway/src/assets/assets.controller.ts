import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import type { AssetView } from '@fleettwin/contracts';
import { principalOf, type AuthenticatedRequest } from '../auth/principal';
import { Access } from '../routes/access.decorator';
import { notFound, ServiceClient } from '../upstream/service-client';
import { Ownership, pick } from '../upstream/ownership';

interface Prediction {
  latest: { assetId: string; tenant?: string };
  history: unknown[];
}

/** Registry reads and predictions, limited to the token's tenant. */
@Controller('v1/assets')
export class AssetsController {
  constructor(private readonly services: ServiceClient, private readonly ownership: Ownership) {}

  @Get()
  @Access('assets')
  async list(@Req() req: AuthenticatedRequest, @Query() query: Record<string, unknown>): Promise<{ assets: AssetView[] }> {
    const { tenant } = principalOf(req);
    const { assets } = await this.services.call<{ assets: AssetView[] }>('twin-state', '/v1/assets', { query: { tenant, ...pick(query, ['kind']) }, requestId: req.requestId });
    return { assets: assets.filter((a) => a.tenant === tenant) };
  }

  @Get(':id')
  @Access('asset')
  async asset(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<AssetView> {
    return this.ownership.asset<AssetView>(id, principalOf(req).tenant, req.requestId);
  }

  @Get(':id/children')
  @Access('assetChildren')
  async children(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<{ assetId: string; children: AssetView[] }> {
    const { tenant } = principalOf(req);
    await this.ownership.asset(id, tenant, req.requestId);
    const answer = await this.services.call<{ assetId: string; children: AssetView[] }>('twin-state', `/v1/assets/${encodeURIComponent(id)}/children`, { requestId: req.requestId });
    return { assetId: answer.assetId, children: answer.children.filter((c) => c.tenant === tenant) };
  }

  @Get(':id/health')
  @Access('assetHealth')
  async health(@Req() req: AuthenticatedRequest, @Param('id') id: string): Promise<unknown> {
    await this.ownership.asset(id, principalOf(req).tenant, req.requestId);
    return this.services.call('twin-state', `/v1/assets/${encodeURIComponent(id)}/health`, { requestId: req.requestId });
  }

  /** Predictions are keyed by asset; the asset's twin says whose it is. */
  @Get(':id/prediction')
  @Access('assetPrediction')
  async prediction(@Req() req: AuthenticatedRequest, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<Prediction> {
    const { tenant } = principalOf(req);
    await this.ownership.twin(id, tenant, req.requestId);
    const prediction = await this.services.call<Prediction>('predictor', `/v1/assets/${encodeURIComponent(id)}/prediction`, { query: pick(query, ['history']), requestId: req.requestId });
    if (prediction.latest.tenant !== undefined && prediction.latest.tenant !== tenant) throw notFound();
    return prediction;
  }
}
