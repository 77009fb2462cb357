import type { StoredEvent } from './event';

/** Times come back as the exact ISO strings that were hashed; no Date parsing on the hot read path. */
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export function isoText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', ${ISO_UTC})`;
}

export const EVENT_COLUMNS = [
  'position',
  'stream_id',
  'version',
  'type',
  'data',
  'metadata',
  `${isoText('occurred_at')} AS occurred_at`,
  `${isoText('recorded_at')} AS recorded_at`,
  'prev_hash',
  'hash',
].join(', ');

/** The outbox relay's read: the columns above and the trace context to continue on Kafka. */
export const EVENT_COLUMNS_WITH_TRACE = `${EVENT_COLUMNS}, trace_context`;

export interface EventRow {
  position: string;
  stream_id: string;
  version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  occurred_at: string;
  recorded_at: string;
  prev_hash: string;
  hash: string;
  trace_context?: Record<string, string> | null;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    // bigint arrives as text; positions stay far below 2^53.
    position: Number(row.position),
    streamId: row.stream_id,
    version: row.version,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
    ...(row.trace_context ? { traceContext: row.trace_context } : {}),
  };
}
