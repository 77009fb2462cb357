import type { Pool } from 'pg';
import { createPool, migrate } from '@fleettwin/postgres';
// Test support only, never imported by src/index.ts; the boundary rule has no test-file exception yet.
 
import { isolatedEnvironment, type TestEnvironment } from '@fleettwin/testing';
import { EVENT_STORE_MIGRATIONS } from './migrations';

/** A fresh database with the event store's tables, one per test file. */
export async function migratedTestDatabase(label: string): Promise<{ env: TestEnvironment; pool: Pool }> {
  const env = await isolatedEnvironment(label);
  const pool = createPool(env.databaseUrl, { max: 12 });
  await migrate(pool, 'event-store-test', EVENT_STORE_MIGRATIONS);
  return { env, pool };
}
