import type { Pool, PoolClient } from 'pg';
import { eventStoreAppendSeconds } from '@fleettwin/metrics';
import { WrongExpectedVersionError, expectedVersionHolds } from './errors';
import type { ExpectedVersion, NewEvent, StoredEvent, StreamAppend } from './event';
import { EVENT_COLUMNS, EVENT_COLUMNS_WITH_TRACE, isoText, toStoredEvent, type EventRow } from './event-rows';
import { EMPTY_STREAM, chainEvents, verifyChain, type ChainVerdict, type ChainedEvent, type StreamHead } from './hash-chain';
import { normaliseOccurredAt } from './occurred-at';
import type { Snapshot } from './snapshots';

export type Queryable = Pool | PoolClient;

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** As of this time: the stream up to (not including) its first event that occurred later. */
  until?: string | Date;
  limit?: number;
}

export interface ReadAllOptions {
  afterPosition?: number;
  limit?: number;
  /** Also read each event's stored trace context (for the outbox relay). */
  withTraceContext?: boolean;
}

export interface StreamPage {
  events: StoredEvent[];
  /** Pass as `afterVersion` for the next page; undefined on the last page. */
  next: number | undefined;
}

const MAX_VERSION = 2147483647;
export const DEFAULT_PAGE_SIZE = 10000;
/**
 * Appends take this transaction-scoped lock, so positions are handed out in commit order and a
 * reader that has seen position p can never later find a committed event below p (ADR 0004).
 */
const APPEND_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('fleettwin.event-store.append'))`;

export class PostgresEventStore {
  /** `db` serves the reads; writes always go through the caller's transaction client. */
  constructor(private readonly db: Queryable) {}

  /** The same store reading through `client`, e.g. to see the caller's uncommitted appends. */
  using(client: PoolClient): PostgresEventStore {
    return new PostgresEventStore(client);
  }

  async append(client: PoolClient, streamId: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[]): Promise<StoredEvent[]> {
    return this.appendBatch(client, [{ streamId, expectedVersion, events }]);
  }

  /**
   * Appends to many streams with a constant number of round trips (lock, heads, one INSERT),
   * all or nothing: the first wrong expected version throws before anything is written.
   */
  async appendBatch(client: PoolClient, appends: readonly StreamAppend[]): Promise<StoredEvent[]> {
    if (!appends.length) return [];
    const done = eventStoreAppendSeconds.startTimer();
    try {
      return await this.appendLocked(client, appends);
    } finally {
      done();
    }
  }

  private async appendLocked(client: PoolClient, appends: readonly StreamAppend[]): Promise<StoredEvent[]> {
    await client.query(APPEND_LOCK_SQL);
    const heads = await readHeads(client, [...new Set(appends.map((a) => a.streamId))]);
    const chained = appends.flatMap((append) => chainAppend(append, heads));
    if (!chained.length) return [];
    return insertEvents(client, chained, appends);
  }

  async streamVersion(client: Queryable, streamId: string): Promise<number> {
    return (await readHeads(client, [streamId])).get(streamId)?.version ?? 0;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? MAX_VERSION;
    const until = options.until === undefined ? null : normaliseOccurredAt(options.until);
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE stream_id = $1 AND version BETWEEN $2 AND $3
          AND ($4::timestamptz IS NULL OR version < COALESCE(
                (SELECT version FROM events WHERE stream_id = $1 AND version >= $2 AND occurred_at > $4::timestamptz
                  ORDER BY version LIMIT 1), ${MAX_VERSION}))
        ORDER BY version
        LIMIT $5`,
      [streamId, from, to, until, options.limit ?? null],
    );
    return rows.map(toStoredEvent);
  }

  async readStreamPage(streamId: string, afterVersion: number, limit: number): Promise<StreamPage> {
    const events = await this.readStream(streamId, { fromVersion: afterVersion + 1, limit: limit + 1 });
    if (events.length <= limit) return { events, next: undefined };
    const page = events.slice(0, limit);
    return { events: page, next: page[page.length - 1].version };
  }

  /** One page of all streams in global order; gaps in positions are rolled-back appends. */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `SELECT ${options.withTraceContext ? EVENT_COLUMNS_WITH_TRACE : EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [options.afterPosition ?? 0, options.limit ?? DEFAULT_PAGE_SIZE],
    );
    return rows.map(toStoredEvent);
  }

  /**
   * Every event after `afterPosition` in global order, page by page, fetching the next page while
   * the caller works on the current one. Keyset pages, not a held cursor: no long transaction
   * pins old row versions during a rebuild.
   */
  async *streamAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent[]> {
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    let next = this.readAll({ afterPosition: options.afterPosition ?? 0, limit });
    try {
      for (;;) {
        const page = await next;
        if (!page.length) return;
        const full = page.length === limit;
        if (full) next = this.readAll({ afterPosition: page[page.length - 1].position, limit });
        yield page;
        if (!full) return;
      }
    } finally {
      // A caller that stops early leaves the prefetch behind; its failure must not surface unhandled.
      next.catch(() => undefined);
    }
  }

  async verifyStream(streamId: string): Promise<ChainVerdict> {
    return verifyChain(await this.readStream(streamId));
  }

  /** `occurredAt` must be the watermark of events 1..version (what `loadAggregate` returns). */
  async saveSnapshot<S>(client: PoolClient, streamId: string, version: number, occurredAt: string | Date, state: S): Promise<void> {
    await client.query(
      `INSERT INTO snapshots (stream_id, version, occurred_at, state) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stream_id, version) DO UPDATE SET occurred_at = EXCLUDED.occurred_at, state = EXCLUDED.state, taken_at = now()`,
      [streamId, version, normaliseOccurredAt(occurredAt), JSON.stringify(state)],
    );
  }

  async loadLatestSnapshot<S>(streamId: string, options: { atOrBefore?: string | Date } = {}): Promise<Snapshot<S> | undefined> {
    const at = options.atOrBefore === undefined ? null : normaliseOccurredAt(options.atOrBefore);
    const { rows } = await this.db.query<{ version: number; occurred_at: string; state: S }>(
      `SELECT version, ${isoText('occurred_at')} AS occurred_at, state FROM snapshots
        WHERE stream_id = $1 AND ($2::timestamptz IS NULL OR occurred_at <= $2::timestamptz)
        ORDER BY version DESC LIMIT 1`,
      [streamId, at],
    );
    const row = rows[0];
    return row && { streamId, version: row.version, occurredAt: row.occurred_at, state: row.state };
  }
}

async function readHeads(client: Queryable, streamIds: readonly string[]): Promise<Map<string, StreamHead>> {
  const { rows } = await client.query<{ stream_id: string; version: number; hash: string }>(
    `SELECT s.stream_id, e.version, e.hash
       FROM unnest($1::text[]) AS s(stream_id)
       JOIN LATERAL (SELECT version, hash FROM events WHERE stream_id = s.stream_id ORDER BY version DESC LIMIT 1) e ON true`,
    [streamIds],
  );
  return new Map(rows.map((r) => [r.stream_id, { version: r.version, hash: r.hash }]));
}

/** Checks one append against the running heads and advances them, so one batch may touch a stream twice. */
function chainAppend(append: StreamAppend, heads: Map<string, StreamHead>): ChainedEvent[] {
  const head = heads.get(append.streamId) ?? EMPTY_STREAM;
  if (!expectedVersionHolds(append.expectedVersion, head.version)) {
    throw new WrongExpectedVersionError(append.streamId, append.expectedVersion, head.version);
  }
  const chained = chainEvents(append.streamId, head, append.events);
  const last = chained[chained.length - 1];
  if (last) heads.set(append.streamId, { version: last.version, hash: last.hash });
  return chained;
}

async function insertEvents(client: PoolClient, chained: readonly ChainedEvent[], appends: readonly StreamAppend[]): Promise<StoredEvent[]> {
  const traces = appends.flatMap((a) => a.events.map((e) => e.traceContext ?? null));
  const rows = chained.map((e, seq) => ({
    seq,
    stream_id: e.streamId,
    version: e.version,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    occurred_at: e.occurredAt,
    prev_hash: e.prevHash,
    hash: e.hash,
    trace_context: traces[seq] ?? null,
  }));
  try {
    // ORDER BY seq: positions follow the order the caller gave.
    const { rows: stored } = await client.query<{ position: string; recorded_at: string }>(
      `INSERT INTO events (stream_id, version, type, data, metadata, occurred_at, prev_hash, hash, trace_context)
       SELECT r.stream_id, r.version, r.type, r.data, r.metadata, r.occurred_at, r.prev_hash, r.hash, r.trace_context
         FROM jsonb_to_recordset($1::jsonb) AS r(seq int, stream_id text, version int, type text, data jsonb,
              metadata jsonb, occurred_at timestamptz, prev_hash text, hash text, trace_context jsonb)
        ORDER BY r.seq
       RETURNING position, ${isoText('recorded_at')} AS recorded_at`,
      [JSON.stringify(rows)],
    );
    const positions = stored.map((s) => Number(s.position)).sort((a, b) => a - b);
    const recordedAt = stored[0].recorded_at;
    return chained.map((e, i) => ({ ...e, position: positions[i], recordedAt }));
  } catch (error) {
    throw asVersionConflict(error, appends);
  }
}

/**
 * The advisory lock makes this rare, but a caller in REPEATABLE READ reads heads from an old
 * snapshot; the unique constraint still refuses the append and we report it as a conflict.
 */
function asVersionConflict(error: unknown, appends: readonly StreamAppend[]): unknown {
  const pgError = error as { code?: string; constraint?: string; detail?: string };
  if (pgError.code !== '23505' || pgError.constraint !== 'events_stream_version_key') return error;
  const match = /^Key \(stream_id, version\)=\((.*), (\d+)\) already exists\.$/.exec(pgError.detail ?? '');
  const append = appends.find((a) => a.streamId === match?.[1]);
  if (!match || !append) return error;
  // The stream holds at least the conflicting version; its exact head is unreadable in an aborted transaction.
  return new WrongExpectedVersionError(append.streamId, append.expectedVersion, Number(match[2]));
}
