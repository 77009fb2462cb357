import type { Pool, PoolClient } from 'pg';
import type { Asset, AssetNode, ParentLookup } from '@fleettwin/domain-asset';

type Db = Pool | PoolClient;

/** The registry read model: one row per asset, its state as folded from its stream. */
export class AssetRepository {
  async loadForUpdate(client: PoolClient, assetId: string): Promise<Asset | null> {
    const { rows } = await client.query<{ state: Asset }>('SELECT state FROM assets WHERE asset_id = $1 FOR UPDATE', [assetId]);
    return rows[0]?.state ?? null;
  }

  async find(db: Db, assetId: string): Promise<Asset | null> {
    const { rows } = await db.query<{ state: Asset }>('SELECT state FROM assets WHERE asset_id = $1', [assetId]);
    return rows[0]?.state ?? null;
  }

  async save(client: PoolClient, asset: Asset): Promise<void> {
    await client.query(
      `INSERT INTO assets (asset_id, tenant, kind, parent_id, retired, state, version) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (asset_id) DO UPDATE SET tenant = EXCLUDED.tenant, kind = EXCLUDED.kind, parent_id = EXCLUDED.parent_id,
         retired = EXCLUDED.retired, state = EXCLUDED.state, version = EXCLUDED.version`,
      [asset.assetId, asset.tenant, asset.kind, asset.parentId, asset.retired !== null, asset, asset.version],
    );
  }

  /** What the decider needs to judge a proposed parent: its tenant, kind and the chain above it. */
  async parentLookup(db: Db, parentId: string | null): Promise<ParentLookup | null> {
    if (!parentId) return null;
    const { rows } = await db.query<{ asset_id: string; tenant: string; kind: Asset['kind']; retired: boolean; depth: number }>(
      `WITH RECURSIVE chain AS (
         SELECT asset_id, tenant, kind, retired, parent_id, 0 AS depth FROM assets WHERE asset_id = $1
         UNION ALL
         SELECT a.asset_id, a.tenant, a.kind, a.retired, a.parent_id, c.depth + 1 FROM assets a JOIN chain c ON a.asset_id = c.parent_id WHERE c.depth < 64
       ) SELECT asset_id, tenant, kind, retired, depth FROM chain ORDER BY depth`,
      [parentId],
    );
    const [parent, ...ancestors] = rows;
    if (!parent) return null;
    return { assetId: parent.asset_id, tenant: parent.tenant, kind: parent.kind, retired: parent.retired, ancestorIds: ancestors.map((a) => a.asset_id) };
  }

  async activeChildIds(db: Db, assetId: string): Promise<string[]> {
    const { rows } = await db.query<{ asset_id: string }>('SELECT asset_id FROM assets WHERE parent_id = $1 AND NOT retired ORDER BY asset_id', [assetId]);
    return rows.map((r) => r.asset_id);
  }

  async children(db: Db, assetId: string): Promise<Asset[]> {
    const { rows } = await db.query<{ state: Asset }>('SELECT state FROM assets WHERE parent_id = $1 ORDER BY asset_id', [assetId]);
    return rows.map((r) => r.state);
  }

  async list(db: Db, filter: { tenant?: string; kind?: string }): Promise<Asset[]> {
    const { rows } = await db.query<{ state: Asset }>(
      'SELECT state FROM assets WHERE ($1::text IS NULL OR tenant = $1) AND ($2::text IS NULL OR kind = $2) ORDER BY asset_id LIMIT 10000',
      [filter.tenant ?? null, filter.kind ?? null],
    );
    return rows.map((r) => r.state);
  }

  /** The subtree under `assetId` (inclusive) as hierarchy nodes, for roll-ups. */
  async subtree(db: Db, assetId: string): Promise<AssetNode[]> {
    const { rows } = await db.query<{ state: Asset }>(
      `WITH RECURSIVE tree AS (
         SELECT asset_id, state, 0 AS depth FROM assets WHERE asset_id = $1
         UNION ALL
         SELECT a.asset_id, a.state, t.depth + 1 FROM assets a JOIN tree t ON a.parent_id = t.asset_id WHERE t.depth < 64
       ) SELECT state FROM tree`,
      [assetId],
    );
    return rows.map(({ state: a }) => ({ assetId: a.assetId, parentId: a.parentId, tenant: a.tenant, kind: a.kind, retired: a.retired !== null }));
  }
}
