import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import type { Pool } from 'pg';
import type { z } from 'zod';
import {
  AssetId,
  AssetKind,
  describeIssues,
  MoveAssetRequest,
  RegisterAssetRequest,
  RetireAssetRequest,
  TenantId,
  UpdateAssetRequest,
  type AssetView,
} from '@fleettwin/contracts';
import { healthFromDataQuality, rollUp, toAssetView, type AssetNode, type HealthRollUp } from '@fleettwin/domain-asset';
import type { Twin } from '@fleettwin/domain-twin';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { AssetRegistryService } from './asset-registry.service';
import { AssetRepository } from './asset.repository';

@Controller('v1/assets')
export class AssetsController {
  private readonly assets = new AssetRepository();

  constructor(private readonly registry: AssetRegistryService, @Inject(PG_POOL) private readonly pool: Pool) {}

  @Post()
  @HttpCode(201)
  async register(@Body() body: unknown, @Headers('x-actor') actor?: string): Promise<AssetView> {
    return toAssetView(await this.registry.register(parse(RegisterAssetRequest, body), metadata(actor)));
  }

  @Put(':assetId')
  async update(@Param('assetId') assetId: string, @Body() body: unknown, @Headers('x-actor') actor?: string): Promise<AssetView> {
    return toAssetView(await this.registry.update(parseId(assetId), parse(UpdateAssetRequest, body), metadata(actor)));
  }

  @Post(':assetId/move')
  @HttpCode(200)
  async move(@Param('assetId') assetId: string, @Body() body: unknown, @Headers('x-actor') actor?: string): Promise<AssetView> {
    return toAssetView(await this.registry.move(parseId(assetId), parse(MoveAssetRequest, body), metadata(actor)));
  }

  @Post(':assetId/retire')
  @HttpCode(200)
  async retire(@Param('assetId') assetId: string, @Body() body: unknown, @Headers('x-actor') actor?: string): Promise<AssetView> {
    return toAssetView(await this.registry.retire(parseId(assetId), parse(RetireAssetRequest, body), metadata(actor)));
  }

  @Get()
  async list(@Query('tenant') tenant?: string, @Query('kind') kind?: string): Promise<{ assets: AssetView[] }> {
    const filter = { tenant: tenant === undefined ? undefined : parse(TenantId, tenant, 'tenant'), kind: kind === undefined ? undefined : parse(AssetKind, kind, 'kind') };
    return { assets: (await this.assets.list(this.pool, filter)).map(toAssetView) };
  }

  @Get(':assetId')
  async get(@Param('assetId') assetId: string): Promise<AssetView> {
    return toAssetView(await this.existing(parseId(assetId)));
  }

  @Get(':assetId/children')
  async children(@Param('assetId') assetId: string): Promise<{ assetId: string; children: AssetView[] }> {
    const id = parseId(assetId);
    await this.existing(id);
    return { assetId: id, children: (await this.assets.children(this.pool, id)).map(toAssetView) };
  }

  /** The health of everything below the asset, from its descendants' twins. */
  @Get(':assetId/health')
  async health(@Param('assetId') assetId: string): Promise<HealthRollUp> {
    const id = parseId(assetId);
    await this.existing(id);
    const subtree = await this.assets.subtree(this.pool, id);
    const { rows } = await this.pool.query<{ asset_id: string; state: Twin }>('SELECT asset_id, state FROM twins WHERE asset_id = ANY($1)', [subtree.map((a) => a.assetId)]);
    const twins = new Map(rows.map((r) => [r.asset_id, r.state]));
    return rollUp<AssetNode>(id, subtree, (asset) => {
      const twin = twins.get(asset.assetId);
      return twin ? healthFromDataQuality(twin.sensors) : undefined;
    });
  }

  private async existing(assetId: string) {
    const asset = await this.assets.find(this.pool, assetId);
    if (!asset) throw new ApiError(404, 'NOT_FOUND', `no asset ${assetId}`);
    return asset;
  }
}

function metadata(actor: string | undefined) {
  return { at: new Date().toISOString(), actor: actor?.slice(0, 200) || 'unknown' };
}

function parseId(assetId: string): string {
  return parse(AssetId, assetId, 'assetId');
}

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, path?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = describeIssues(parsed.error).map((d) => (path && d.path === '(root)' ? { ...d, path } : d));
  throw new ApiError(400, 'INVALID_REQUEST', `invalid request: ${details[0]?.path}: ${details[0]?.message}`, details);
}
