import { EVENT_STORE_MIGRATIONS } from '@fleettwin/event-store';
import type { Migration } from '@fleettwin/postgres';

export const TWIN_STATE_MIGRATIONS: Migration[] = [
  {
    id: '001_twins',
    sql: `
      CREATE TABLE twins (
        asset_id text PRIMARY KEY,
        tenant text NOT NULL,
        state jsonb NOT NULL,
        frames bigint NOT NULL,
        last_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX twins_tenant ON twins (tenant);
      -- What each consumer group has applied, written in the same transaction as the state it changed.
      CREATE TABLE consumer_positions (
        group_id text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        next_offset bigint NOT NULL,
        PRIMARY KEY (group_id, topic, partition)
      );`,
  },
];

/**
 * The time-series read model behind sensor history: one row per recorded frame, partitioned by
 * month so that queries over a window touch only its partitions and old months can be detached.
 */
TWIN_STATE_MIGRATIONS.push({
  id: '002_telemetry_frames',
  sql: `
    CREATE TABLE telemetry_frames (
      asset_id text NOT NULL,
      ts timestamptz NOT NULL,
      seq bigint NOT NULL,
      readings jsonb NOT NULL,
      PRIMARY KEY (asset_id, ts, seq)
    ) PARTITION BY RANGE (ts);`,
});

/** Pending commands by deadline, so the time-out sweep is an index range scan, not a scan of every twin. */
TWIN_STATE_MIGRATIONS.push({
  id: '003_command_deadlines',
  sql: `
    CREATE TABLE command_deadlines (
      asset_id text NOT NULL,
      command_id text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (asset_id, command_id)
    );
    CREATE INDEX command_deadlines_due ON command_deadlines (expires_at);`,
});

/** The twin event log (the record of truth) lives beside the read models it feeds, in one database. */
TWIN_STATE_MIGRATIONS.push(...EVENT_STORE_MIGRATIONS);

/** Each twin row remembers its stream version (for expected-version appends) and its time watermark. */
TWIN_STATE_MIGRATIONS.push({
  id: '004_twin_stream_version',
  sql: `
    ALTER TABLE twins ADD COLUMN version bigint NOT NULL DEFAULT 0;
    ALTER TABLE twins ADD COLUMN watermark timestamptz;`,
});

/** The asset registry read model (a fold over `asset-*` streams) and the DTDL models it refers to. */
TWIN_STATE_MIGRATIONS.push({
  id: '005_asset_registry',
  sql: `
    CREATE TABLE assets (
      asset_id text PRIMARY KEY,
      tenant text NOT NULL,
      kind text NOT NULL,
      parent_id text,
      retired boolean NOT NULL DEFAULT false,
      state jsonb NOT NULL,
      version bigint NOT NULL
    );
    CREATE INDEX assets_parent ON assets (parent_id);
    CREATE INDEX assets_tenant ON assets (tenant, kind);
    CREATE TABLE asset_models (
      dtmi text PRIMARY KEY,
      document jsonb NOT NULL,
      model jsonb NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );`,
});
