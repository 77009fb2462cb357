import { HASH_SIZE, hashChildren } from './rfc6962.hashing';

export type ProofCheck = { ok: true } | { ok: false; reason: string };

const ok: ProofCheck = { ok: true };
const fail = (reason: string): ProofCheck => ({ ok: false, reason });

// Bit operations in JS are 32-bit; tree sizes may exceed that, so shifts are divisions.
const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function isSize(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function allHashes(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_SIZE);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}

/** RFC 9162 §2.1.3.2: the root an inclusion proof leads to, or why it leads nowhere. */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): { ok: true; root: Buffer } | { ok: false; reason: string } {
  if (!isSize(leafIndex) || !isSize(treeSize)) return { ok: false, reason: 'index or size is not a non-negative safe integer' };
  if (leafIndex >= treeSize) return { ok: false, reason: `leaf index ${leafIndex} is not inside tree of size ${treeSize}` };
  if (leafHash.length !== HASH_SIZE || !allHashes(proof)) return { ok: false, reason: 'a hash is not 32 bytes' };
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHash);
  for (const p of proof) {
    if (sn === 0) return { ok: false, reason: 'proof is longer than the path to the root' };
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return { ok: false, reason: 'proof is shorter than the path to the root' };
  return { ok: true, root: r };
}

export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofCheck {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  if (!computed.ok) return computed;
  return sameBytes(computed.root, root) ? ok : fail('proof leads to a different root');
}

/** RFC 9162 §2.1.4.2: does the tree of `oldSize` leaves with `oldRoot` prefix the one of `newSize` with `newRoot`? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): ProofCheck {
  if (!isSize(oldSize) || !isSize(newSize)) return fail('size is not a non-negative safe integer');
  if (oldSize > newSize) return fail(`old size ${oldSize} is larger than new size ${newSize}`);
  if (oldSize === newSize) {
    if (proof.length > 0) return fail('proof between equal sizes must be empty');
    return sameBytes(oldRoot, newRoot) ? ok : fail('equal sizes but different roots');
  }
  if (oldSize === 0) return proof.length === 0 ? ok : fail('proof from the empty tree must be empty');
  if (proof.length === 0) return fail('empty proof');
  if (!allHashes(proof)) return fail('a proof hash is not 32 bytes');
  return walkConsistency(oldSize, newSize, oldRoot, newRoot, proof);
}

function walkConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): ProofCheck {
  // When the old tree is a complete subtree its root is the first node of the path, not in the proof.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('proof is longer than needed');
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('proof is shorter than needed');
  if (!sameBytes(fr, oldRoot)) return fail('proof does not lead to the old root');
  if (!sameBytes(sr, newRoot)) return fail('proof does not lead to the new root');
  return ok;
}

function isPowerOfTwo(x: number): boolean {
  let v = x;
  while (v > 1 && v % 2 === 0) v /= 2;
  return v === 1;
}
