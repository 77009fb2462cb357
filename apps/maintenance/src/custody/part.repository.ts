import type { PoolClient } from 'pg';
import type { Part } from '@fleettwin/domain-part';
import type { Queryable } from '@fleettwin/event-store';
import { partStatus } from './part-status';

/** The parts read model, written in the transaction that appends the part's events. */
export class PartRepository {
  async find(db: Queryable, partId: string): Promise<Part | null> {
    const { rows } = await db.query<{ state: Part }>('SELECT state FROM parts WHERE part_id = $1', [partId]);
    return rows[0]?.state ?? null;
  }

  async loadForUpdate(client: PoolClient, partId: string): Promise<Part | null> {
    const { rows } = await client.query<{ state: Part }>('SELECT state FROM parts WHERE part_id = $1 FOR UPDATE', [partId]);
    return rows[0]?.state ?? null;
  }

  async save(client: PoolClient, part: Part, updatedAt: string): Promise<void> {
    await client.query(
      `INSERT INTO parts (part_id, status, quarantined, owner_id, state, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (part_id) DO UPDATE SET status = EXCLUDED.status, quarantined = EXCLUDED.quarantined, owner_id = EXCLUDED.owner_id,
         state = EXCLUDED.state, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [part.partId, partStatus(part), part.quarantine !== null, part.owner.id, JSON.stringify(part), part.version, updatedAt],
    );
  }
}
