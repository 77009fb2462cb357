import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import type { MoveAssetRequest, RegisterAssetRequest, RetireAssetRequest, UpdateAssetRequest } from '@fleettwin/contracts';
import { decide, evolve, type Asset, type AssetCommand, type AssetEvent, type CommandMetadata } from '@fleettwin/domain-asset';
import { PostgresEventStore } from '@fleettwin/event-store';
import { inTransaction } from '@fleettwin/postgres';
import { ApiError, PG_POOL } from '@fleettwin/platform';
import { TwinEventsRelay } from '../twins/twin-events.relay';
import { AssetPolicies } from './asset-policies';
import { AssetRepository } from './asset.repository';

export const assetStreamId = (assetId: string): string => `asset-${assetId}`;

const STATUS: Record<string, number> = {
  ALREADY_REGISTERED: 409,
  NOT_FOUND: 404,
  TENANT_MISMATCH: 409,
  CYCLE: 409,
  PARENT_NOT_FOUND: 422,
  PARENT_RETIRED: 409,
  INVALID_PARENT_KIND: 422,
  RETIRED: 409,
  HAS_CHILDREN: 409,
  NO_CHANGE: 409,
};

/** Registry changes as events on `asset-{id}` streams, with the registry read model in the same transaction. */
@Injectable()
export class AssetRegistryService {
  private readonly assets = new AssetRepository();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly store: PostgresEventStore,
    private readonly policies: AssetPolicies,
    private readonly relay: TwinEventsRelay,
  ) {}

  register(request: RegisterAssetRequest, metadata: CommandMetadata): Promise<Asset> {
    const { parentId, dtmi, ...rest } = request;
    return this.change(request.assetId, async (client) => ({
      type: 'RegisterAsset',
      data: { ...rest, parentId, dtmi: dtmi ?? null },
      parent: await this.assets.parentLookup(client, parentId),
      metadata,
    }));
  }

  update(assetId: string, request: UpdateAssetRequest, metadata: CommandMetadata): Promise<Asset> {
    const { tenant, ...changes } = request;
    return this.change(assetId, async () => ({ type: 'UpdateAsset', data: { tenant, assetId, changes }, metadata }));
  }

  move(assetId: string, request: MoveAssetRequest, metadata: CommandMetadata): Promise<Asset> {
    return this.change(assetId, async (client) => ({
      type: 'MoveAsset',
      data: { tenant: request.tenant, assetId, parentId: request.parentId },
      parent: await this.assets.parentLookup(client, request.parentId),
      metadata,
    }));
  }

  retire(assetId: string, request: RetireAssetRequest, metadata: CommandMetadata): Promise<Asset> {
    return this.change(assetId, async (client) => ({
      type: 'RetireAsset',
      data: { tenant: request.tenant, assetId, reason: request.reason },
      activeChildIds: await this.assets.activeChildIds(client, assetId),
      metadata,
    }));
  }

  private async change(assetId: string, command: (client: PoolClient) => Promise<AssetCommand>): Promise<Asset> {
    const asset = await inTransaction(this.pool, async (client) => {
      // Serialise registry changes: a move and a register racing could otherwise form a cycle.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('asset-registry'))");
      const current = await this.assets.loadForUpdate(client, assetId);
      const decision = decide(await command(client), current);
      if (!decision.ok) throw new ApiError(STATUS[decision.rejection.code] ?? 409, decision.rejection.code, decision.rejection.message);
      const next = decision.events.reduce<Asset | null>(evolve, current);
      if (!next) throw new Error(`asset ${assetId}: events produced no state`);
      await this.store.append(client, assetStreamId(assetId), current ? current.version : 'no-stream', decision.events.map(toNewEvent));
      await this.assets.save(client, next);
      return next;
    });
    this.relay.notify();
    await this.policies.refresh();
    return asset;
  }
}

function toNewEvent(event: AssetEvent) {
  return { type: event.type, data: event.data, occurredAt: event.data.at };
}
