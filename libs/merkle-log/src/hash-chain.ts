import { canonicalSha256Hex } from './canonical-json';

/**
 * One event of a stream as stored: its position, the hash of its predecessor and its own hash.
 * hash = lowercase hex SHA-256 of the JCS encoding of {streamId, sequence, prevHash, event}, so a
 * change to any stored byte, a reordering or a removal shows at that record or its successor.
 */
export interface ChainedRecord<E = unknown> {
  streamId: string;
  sequence: number;
  prevHash: string;
  event: E;
  hash: string;
}

/** prevHash of the first record of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

export function recordHash<E>(record: Omit<ChainedRecord<E>, 'hash'>): string {
  const { streamId, sequence, prevHash, event } = record;
  return canonicalSha256Hex({ streamId, sequence, prevHash, event });
}

/** Chains `event` after `previous` (or starts the stream when there is none). */
export function chainRecord<E>(streamId: string, event: E, previous?: ChainedRecord<unknown>): ChainedRecord<E> {
  if (previous && previous.streamId !== streamId) throw new Error(`cannot chain ${streamId} after a record of ${previous.streamId}`);
  const body = {
    streamId,
    sequence: previous ? previous.sequence + 1 : 0,
    prevHash: previous ? previous.hash : GENESIS_HASH,
    event,
  };
  return { ...body, hash: recordHash(body) };
}
