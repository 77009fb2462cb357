/** An event as the caller hands it to `append`: the store adds version, position and hashes. */
export interface NewEvent<D = unknown> {
  type: string;
  data: D;
  metadata?: Record<string, unknown>;
  /** When it happened in the domain (ISO 8601 or Date); as-of queries read by this time. */
  occurredAt: string | Date;
  /**
   * W3C trace context (`traceparent`, `tracestate`) of the work that caused it, so the outbox relay
   * continues that trace on Kafka. Operational, not domain: stored beside the event, outside its hash.
   */
  traceContext?: Readonly<Record<string, string>>;
}

/** An event as stored: `hash` commits to every field but `position` and `recordedAt`. */
export interface StoredEvent<D = unknown> {
  /** Global position, commit-ordered (see ADR 0004); holes left by rolled-back appends are normal. */
  position: number;
  streamId: string;
  /** 1-based, contiguous within a stream. */
  version: number;
  type: string;
  data: D;
  metadata: Record<string, unknown>;
  /** ISO 8601 UTC with milliseconds, exactly the string the hash covers. */
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
  /** Only when read with `withTraceContext` (the outbox relay) and the append had one. */
  traceContext?: Readonly<Record<string, string>>;
}

/** `'no-stream'`: the stream must not exist yet; `'any'`: append wherever it ends; a number: the current version. */
export type ExpectedVersion = number | 'no-stream' | 'any';

export interface StreamAppend {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: readonly NewEvent[];
}
