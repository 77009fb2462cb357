import { canonicalSha256Hex } from '@fleettwin/merkle-log';
import type { NewEvent, StoredEvent } from './event';
import { normaliseOccurredAt } from './occurred-at';

/** prevHash of version 1 of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash commits to; position and recordedAt are the store's bookkeeping. */
export interface HashedFields {
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  occurredAt: string;
  prevHash: string;
}

/** SHA-256 hex over the RFC 8785 canonical JSON, so anyone can recompute it without our code. */
export function eventHash(fields: HashedFields): string {
  const { streamId, version, type, data, metadata, occurredAt, prevHash } = fields;
  return canonicalSha256Hex({ streamId, version, type, data, metadata, occurredAt, prevHash });
}

export type ChainBreak = 'version-gap' | 'broken-link' | 'content-changed';

export type ChainVerdict =
  | { valid: true; events: number; lastHash: string }
  | { valid: false; version: number; reason: ChainBreak; detail: string };

/**
 * Checks a whole stream read in version order. Reports the first version that does not verify.
 * Removing the newest events cannot show here (the chain is still whole); signed checkpoints of the
 * stream head cover that.
 */
export function verifyChain(events: readonly StoredEvent[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const version = index + 1;
    if (event.version !== version) {
      return { valid: false, version, reason: 'version-gap', detail: `expected version ${version}, found ${event.version}` };
    }
    if (eventHash(event) !== event.hash) {
      return { valid: false, version, reason: 'content-changed', detail: 'stored hash does not match the content' };
    }
    if (event.prevHash !== prevHash) {
      return { valid: false, version, reason: 'broken-link', detail: `prevHash ${event.prevHash} is not the hash of version ${version - 1}` };
    }
    prevHash = event.hash;
  }
  return { valid: true, events: events.length, lastHash: prevHash };
}

/** A stream's last stored event, as far as chaining needs it. */
export interface StreamHead {
  version: number;
  hash: string;
}

export const EMPTY_STREAM: StreamHead = { version: 0, hash: GENESIS_HASH };

export type ChainedEvent = Omit<StoredEvent, 'position' | 'recordedAt'>;

/**
 * Numbers and hashes `events` after `head`. Data and metadata go through one JSON round trip first,
 * so the hash covers exactly the values PostgreSQL will store and hand back.
 */
export function chainEvents(streamId: string, head: StreamHead, events: readonly NewEvent[]): ChainedEvent[] {
  let { version, hash: prevHash } = head;
  return events.map((event) => {
    version += 1;
    const fields: HashedFields = {
      streamId,
      version,
      type: event.type,
      data: asStoredJson(event.data ?? null),
      metadata: asStoredJson(event.metadata ?? {}) as Record<string, unknown>,
      occurredAt: normaliseOccurredAt(event.occurredAt),
      prevHash,
    };
    const chained = { ...fields, hash: eventHash(fields) };
    prevHash = chained.hash;
    return chained;
  });
}

function asStoredJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
