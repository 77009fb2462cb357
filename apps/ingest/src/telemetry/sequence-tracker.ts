import type { Pool } from 'pg';

export interface Claim {
  assetId: string;
  seq: number;
  previous: number | undefined;
}

/**
 * The last accepted seq per asset. A frame whose seq is not newer is a duplicate: accepted, not
 * produced again. Claims are taken before producing and released if Kafka does not take the frames,
 * so a client retry after a failure is produced, not mistaken for a duplicate.
 */
export class SequenceTracker {
  private readonly last = new Map<string, number>();

  constructor(private readonly pool: Pool) {}

  /** Loads the stored high-water marks of assets not seen since start-up. */
  async prepare(assetIds: Iterable<string>): Promise<void> {
    const unknown = [...new Set(assetIds)].filter((id) => !this.last.has(id));
    if (!unknown.length) return;
    const { rows } = await this.pool.query<{ asset_id: string; last_seq: string }>(
      'SELECT asset_id, last_seq FROM ingest_sequences WHERE asset_id = ANY($1)',
      [unknown],
    );
    const stored = new Map(rows.map((r) => [r.asset_id, Number(r.last_seq)]));
    for (const id of unknown) {
      if (this.last.has(id)) continue; // another request loaded or claimed it meanwhile
      const seq = stored.get(id);
      if (seq !== undefined) this.last.set(id, seq);
    }
  }

  /** Synchronous after `prepare`: the asset's last accepted seq, if any. */
  lastSeq(assetId: string): number | undefined {
    return this.last.get(assetId);
  }

  /** Synchronous after `prepare`: claims the seq if it is newer than the last one. */
  claim(assetId: string, seq: number): Claim | undefined {
    const previous = this.last.get(assetId);
    if (previous !== undefined && seq <= previous) return undefined;
    this.last.set(assetId, seq);
    return { assetId, seq, previous };
  }

  release(claims: readonly Claim[]): void {
    for (const claim of [...claims].reverse()) {
      if (this.last.get(claim.assetId) !== claim.seq) continue;
      if (claim.previous === undefined) this.last.delete(claim.assetId);
      else this.last.set(claim.assetId, claim.previous);
    }
  }

  /**
   * Records what Kafka has acknowledged, so a restarted ingest still knows duplicates. Without
   * waiting for the WAL flush: a mark lost in a crash only lets a retried frame through to Kafka
   * once more, and twin-state drops it by seq; waiting cost one disk sync per MQTT message.
   */
  async persist(claims: readonly Claim[]): Promise<void> {
    if (!claims.length) return;
    const highest = new Map<string, number>();
    for (const c of claims) highest.set(c.assetId, Math.max(c.seq, highest.get(c.assetId) ?? -1));
    await this.pool.query(
      `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))
       INSERT INTO ingest_sequences (asset_id, last_seq)
       SELECT u.* FROM unnest($1::text[], $2::bigint[]) AS u, relaxed
       ON CONFLICT (asset_id) DO UPDATE SET last_seq = GREATEST(ingest_sequences.last_seq, EXCLUDED.last_seq), updated_at = now()`,
      [[...highest.keys()], [...highest.values()]],
    );
  }
}
