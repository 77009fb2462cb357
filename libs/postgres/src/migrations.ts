import type { Pool } from 'pg';
import { inTransaction } from './database';

export interface Migration {
  /** Ordered, never renamed once released: e.g. `001_twins`. */
  id: string;
  sql: string;
}

/**
 * Applies the owning service's migrations that are not applied yet, in order, each in its own
 * transaction, under an advisory lock so replicas starting together do not race.
 */
export async function migrate(pool: Pool, owner: string, migrations: readonly Migration[]): Promise<string[]> {
  await pool.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    owner text NOT NULL, id text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (owner, id))`).catch(ignoreRace);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${owner}`]);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM schema_migrations WHERE owner = $1', [owner]);
    const done = new Set(rows.map((r) => r.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (owner, id) VALUES ($1, $2)', [owner, migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}

function ignoreRace(error: { code?: string }): void {
  // CREATE TABLE IF NOT EXISTS can still collide on the type's unique index when two start at once.
  if (error.code !== '23505' && error.code !== '42P07') throw error;
}
