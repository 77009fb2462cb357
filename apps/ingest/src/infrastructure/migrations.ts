import type { Migration } from '@fleettwin/postgres';

export const INGEST_MIGRATIONS: Migration[] = [
  {
    id: '001_ingest_sequences',
    sql: `CREATE TABLE ingest_sequences (
      asset_id text PRIMARY KEY,
      last_seq bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
  },
];
