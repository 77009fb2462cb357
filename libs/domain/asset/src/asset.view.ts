import type { AssetView } from '@fleettwin/contracts';
import type { Asset } from './asset.events';

/** The public shape of an asset (`GET /v1/assets/{assetId}`). */
export function toAssetView(asset: Asset): AssetView {
  return {
    tenant: asset.tenant,
    assetId: asset.assetId,
    kind: asset.kind,
    parentId: asset.parentId,
    model: asset.model,
    variant: asset.variant,
    serial: asset.serial,
    buildBatch: asset.buildBatch,
    tolerances: { ...asset.tolerances },
    environment: { ...asset.environment, tags: [...asset.environment.tags] },
    inServiceDate: asset.inServiceDate,
    dtmi: asset.dtmi,
    registeredAt: asset.registeredAt,
    updatedAt: asset.updatedAt,
    retired: asset.retired,
    version: asset.version,
  };
}
