import { EMPTY_TREE_ROOT, hashChildren } from './rfc6962.hashing';

/**
 * The reference definitions of RFC 9162 §2.1 (MTH, PATH, PROOF), computed from the leaf hashes.
 * They recompute subtrees on every call (O(n) per root): plain and obviously right, which is what
 * the verifier side needs; a store with cached subtree roots can replace them without changing callers.
 */

/** The largest power of two strictly smaller than n (n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function rootHash(leafHashes: readonly Buffer[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return EMPTY_TREE_ROOT;
  if (n === 1) return leafHashes[0];
  const k = splitPoint(n);
  return hashChildren(rootHash(leafHashes.slice(0, k)), rootHash(leafHashes.slice(k)));
}

/** PATH(m, D[n]): the audit path for leaf `index` in the tree over `leafHashes`. */
export function inclusionPath(index: number, leafHashes: readonly Buffer[]): Buffer[] {
  const n = leafHashes.length;
  if (index < 0 || index >= n) throw new RangeError(`leaf index ${index} outside tree of size ${n}`);
  if (n === 1) return [];
  const k = splitPoint(n);
  if (index < k) return [...inclusionPath(index, leafHashes.slice(0, k)), rootHash(leafHashes.slice(k))];
  return [...inclusionPath(index - k, leafHashes.slice(k)), rootHash(leafHashes.slice(0, k))];
}

/** PROOF(m, D[n]): proves the tree of the first `oldSize` leaves is a prefix of the tree over `leafHashes`. */
export function consistencyPath(oldSize: number, leafHashes: readonly Buffer[]): Buffer[] {
  const n = leafHashes.length;
  if (oldSize < 0 || oldSize > n) throw new RangeError(`old size ${oldSize} outside tree of size ${n}`);
  if (oldSize === 0 || oldSize === n) return [];
  return subproof(oldSize, leafHashes, true);
}

function subproof(m: number, leafHashes: readonly Buffer[], wholeOldTree: boolean): Buffer[] {
  const n = leafHashes.length;
  if (m === n) return wholeOldTree ? [] : [rootHash(leafHashes)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(m, leafHashes.slice(0, k), wholeOldTree), rootHash(leafHashes.slice(k))];
  return [...subproof(m - k, leafHashes.slice(k), false), rootHash(leafHashes.slice(0, k))];
}
