import { createHash } from 'node:crypto';

/** Every hash in the log is SHA-256: 32 bytes. */
export const HASH_SIZE = 32;

export function sha256(...parts: readonly Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 §2.1 / RFC 9162 §2.1.1: the 0x00 prefix keeps a leaf from ever passing for an interior node. */
export function hashLeaf(data: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, data);
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** The root of the empty tree is the hash of the empty string. */
export const EMPTY_TREE_ROOT: Buffer = sha256();
