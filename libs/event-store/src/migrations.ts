import type { Migration } from '@fleettwin/postgres';

/**
 * Tables of the event store, for the owning service's own migration list (ids are prefixed so they
 * never collide with the service's). Never edit a released entry; add a new one.
 */
export const EVENT_STORE_MIGRATIONS: Migration[] = [
  {
    id: 'event_store_001_events',
    sql: `
      CREATE TABLE events (
        position    bigserial PRIMARY KEY,
        stream_id   text NOT NULL,
        version     integer NOT NULL CHECK (version >= 1),
        type        text NOT NULL,
        data        jsonb NOT NULL,
        metadata    jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        prev_hash   text NOT NULL,
        hash        text NOT NULL,
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
      );
      -- (stream_id, version) is served by the unique index, global order by the primary key.
      CREATE INDEX events_stream_occurred_idx ON events (stream_id, occurred_at, version);`,
  },
  {
    id: 'event_store_002_snapshots',
    sql: `
      -- Several per stream, so an as-of query can start from the newest one at or before its time.
      -- occurred_at is the latest occurred_at among events 1..version (a watermark, see snapshots.ts).
      CREATE TABLE snapshots (
        stream_id   text NOT NULL,
        version     integer NOT NULL CHECK (version >= 1),
        occurred_at timestamptz NOT NULL,
        state       jsonb NOT NULL,
        taken_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, version)
      );
      CREATE INDEX snapshots_stream_occurred_idx ON snapshots (stream_id, occurred_at, version);`,
  },
  {
    id: 'event_store_003_outbox_cursors',
    sql: `
      CREATE TABLE outbox_cursors (
        name       text PRIMARY KEY,
        position   bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    id: 'event_store_004_trace_context',
    // Nullable, no default: instant on a large table. Outside the hash (see NewEvent.traceContext).
    sql: `ALTER TABLE events ADD COLUMN trace_context jsonb;`,
  },
];
