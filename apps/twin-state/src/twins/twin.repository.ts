import type { PoolClient } from 'pg';
import type { Twin, TwinEvent } from '@fleettwin/domain-twin';

/** Another read model written in the same transaction from the events a change produced. */
export interface ProjectionSink {
  onApplied(client: PoolClient, events: readonly TwinEvent[]): Promise<void>;
}

/** A twin as stored: its state, the version of its event stream, and the latest time it has seen. */
export interface StoredTwin {
  twin: Twin;
  version: number;
  watermark: string | null;
}

/** Twins read model: rows locked for the transaction's decisions, written back in one statement. */
export class TwinRepository {
  async loadForUpdate(client: PoolClient, assetIds: readonly string[]): Promise<Map<string, StoredTwin>> {
    if (!assetIds.length) return new Map();
    const { rows } = await client.query<{ state: Twin; version: string; watermark: Date | null }>(
      'SELECT state, version, watermark FROM twins WHERE asset_id = ANY($1) ORDER BY asset_id FOR UPDATE',
      [assetIds],
    );
    return new Map(rows.map((r) => [r.state.assetId, { twin: r.state, version: Number(r.version), watermark: r.watermark?.toISOString() ?? null }]));
  }

  async save(client: PoolClient, twins: readonly StoredTwin[]): Promise<void> {
    if (!twins.length) return;
    const rows = twins.map(({ twin: t, version, watermark }) => ({
      asset_id: t.assetId,
      tenant: t.tenant,
      state: t,
      frames: t.frames,
      last_seq: t.lastSeq,
      updated_at: t.updatedAt,
      version,
      watermark,
    }));
    await client.query(
      `INSERT INTO twins (asset_id, tenant, state, frames, last_seq, updated_at, version, watermark)
       SELECT asset_id, tenant, state, frames, last_seq, updated_at, version, watermark
       FROM jsonb_to_recordset($1::jsonb) AS r(asset_id text, tenant text, state jsonb, frames bigint, last_seq bigint,
         updated_at timestamptz, version bigint, watermark timestamptz)
       ON CONFLICT (asset_id) DO UPDATE SET tenant = EXCLUDED.tenant, state = EXCLUDED.state, frames = EXCLUDED.frames,
         last_seq = EXCLUDED.last_seq, updated_at = EXCLUDED.updated_at, version = EXCLUDED.version, watermark = EXCLUDED.watermark`,
      [JSON.stringify(rows)],
    );
  }
}
