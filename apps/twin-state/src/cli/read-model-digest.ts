import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * One SHA-256 over every twin read model, in a fixed order: equal digests mean byte-identical
 * read models. JSONB keeps keys in its own canonical order, so the text form is stable.
 */
export async function readModelDigest(pool: Pool): Promise<{ digest: string; twins: number; frames: number }> {
  const hash = createHash('sha256');
  const twins = await pool.query<{ line: string }>(
    `SELECT asset_id || '|' || tenant || '|' || version || '|' || coalesce(watermark::text, '') || '|' || state::text AS line FROM twins ORDER BY asset_id`,
  );
  for (const row of twins.rows) hash.update(row.line).update('\n');
  const frames = await pool.query<{ digest: string | null; count: string }>(
    `SELECT md5(string_agg(asset_id || '|' || ts::text || '|' || seq || '|' || readings::text, '\n' ORDER BY asset_id, ts, seq)) AS digest, count(*) AS count FROM telemetry_frames`,
  );
  hash.update(`frames:${frames.rows[0]?.digest ?? ''}`);
  const deadlines = await pool.query<{ line: string }>(`SELECT asset_id || '|' || command_id || '|' || expires_at::text AS line FROM command_deadlines ORDER BY asset_id, command_id`);
  for (const row of deadlines.rows) hash.update(row.line).update('\n');
  const assets = await pool.query<{ line: string }>(`SELECT asset_id || '|' || version || '|' || state::text AS line FROM assets ORDER BY asset_id`);
  for (const row of assets.rows) hash.update(row.line).update('\n');
  return { digest: hash.digest('hex'), twins: twins.rowCount ?? 0, frames: Number(frames.rows[0]?.count ?? 0) };
}
