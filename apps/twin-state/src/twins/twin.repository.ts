import type { PoolClient } from 'pg';
import type { Twin, TwinEvent } from '@fleettwin/domain-twin';

/** Another read model or log written in the same transaction from the events a change produced. */
export interface ProjectionSink {
  onApplied(client: PoolClient, events: readonly TwinEvent[]): Promise<void>;
}

/** Twins read model: rows locked for the transaction's decisions, written back in one statement. */
export class TwinRepository {
  async loadForUpdate(client: PoolClient, assetIds: readonly string[]): Promise<Map<string, Twin>> {
    if (!assetIds.length) return new Map();
    const { rows } = await client.query<{ state: Twin }>('SELECT state FROM twins WHERE asset_id = ANY($1) ORDER BY asset_id FOR UPDATE', [assetIds]);
    return new Map(rows.map((r) => [r.state.assetId, r.state]));
  }

  async save(client: PoolClient, twins: readonly Twin[]): Promise<void> {
    if (!twins.length) return;
    const rows = twins.map((t) => ({ asset_id: t.assetId, tenant: t.tenant, state: t, frames: t.frames, last_seq: t.lastSeq, updated_at: t.updatedAt }));
    await client.query(
      `INSERT INTO twins (asset_id, tenant, state, frames, last_seq, updated_at)
       SELECT asset_id, tenant, state, frames, last_seq, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS r(asset_id text, tenant text, state jsonb, frames bigint, last_seq bigint, updated_at timestamptz)
       ON CONFLICT (asset_id) DO UPDATE SET tenant = EXCLUDED.tenant, state = EXCLUDED.state, frames = EXCLUDED.frames,
         last_seq = EXCLUDED.last_seq, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(rows)],
    );
  }
}
