import type { Pool, PoolClient } from 'pg';
import { TURBOFAN_FAILURE_MODES, type FailureMode, type FailureModeCatalog } from '@fleettwin/domain-failure-mode';

type Db = Pool | PoolClient;

/** The FMEA catalog, seeded with the turbofan modes on first start and editable through the API. */
export class FailureModeCatalogStore {
  async seed(pool: Pool): Promise<void> {
    for (const mode of TURBOFAN_FAILURE_MODES) {
      await pool.query('INSERT INTO failure_modes (code, mode) VALUES ($1, $2) ON CONFLICT DO NOTHING', [mode.code, mode]);
    }
  }

  async load(db: Db): Promise<FailureModeCatalog> {
    const { rows } = await db.query<{ mode: FailureMode }>('SELECT mode FROM failure_modes ORDER BY code');
    return rows.map((r) => r.mode);
  }

  async save(db: Db, catalog: FailureModeCatalog): Promise<void> {
    for (const mode of catalog) {
      await db.query('INSERT INTO failure_modes (code, mode) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET mode = EXCLUDED.mode, updated_at = now()', [mode.code, mode]);
    }
  }
}
