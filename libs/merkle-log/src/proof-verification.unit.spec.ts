import { consistencyPath, inclusionPath, rootHash } from './merkle-tree';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './proof-verification';
import { hashLeaf } from './rfc6962.hashing';
import {
  consistencyVectors,
  emptyTreeRoot,
  inclusionVectors,
  referenceConsistencyProofs,
  referenceInclusionProofs,
  referenceLeaves,
  referenceRoots,
  someHash,
} from './rfc6962.vectors';

describe('inclusion proofs: transparency-dev/merkle testdata', () => {
  it.each(inclusionVectors)('$desc (must fail: $wantErr)', (v) => {
    expect(verifyInclusion(v.leafIndex, v.treeSize, v.leafHash, v.proof, v.root).ok).toBe(!v.wantErr);
  });
});

describe('consistency proofs: transparency-dev/merkle testdata', () => {
  it.each(consistencyVectors)('$desc (must fail: $wantErr)', (v) => {
    expect(verifyConsistency(v.size1, v.size2, v.root1, v.root2, v.proof).ok).toBe(!v.wantErr);
  });
});

describe('reference proofs verify against the reference roots', () => {
  it.each(referenceInclusionProofs)('inclusion of leaf $leafIndex in $treeSize', (p) => {
    const leafHash = hashLeaf(referenceLeaves[p.leafIndex]);
    const computed = rootFromInclusionProof(p.leafIndex, p.treeSize, leafHash, p.proof);
    expect(computed).toEqual({ ok: true, root: referenceRoots[p.treeSize - 1] });
  });

  it.each(referenceConsistencyProofs)('consistency $size1 → $size2', (p) => {
    expect(verifyConsistency(p.size1, p.size2, referenceRoots[p.size1 - 1], referenceRoots[p.size2 - 1], p.proof).ok).toBe(true);
  });
});

describe('edge cases of the reference verifier tests', () => {
  const r1 = Buffer.from("don't care 1");
  const r2 = Buffer.from("don't care 2");
  it.each([
    [0, 0, r1, r2, [], false],
    [1, 1, r1, r2, [], false],
    [0, 0, r1, r1, [], true],
    [0, 1, r1, r2, [], true],
    [1, 1, r2, r2, [], true],
    [1, 0, r1, r2, [], false],
    [2, 1, r1, r2, [], false],
    [1, 2, r1, r2, [], false],
    [0, 0, emptyTreeRoot, r2, [], false],
    [1, 1, emptyTreeRoot, r2, [], false],
    [0, 0, emptyTreeRoot, emptyTreeRoot, [emptyTreeRoot], false],
    [0, 1, emptyTreeRoot, emptyTreeRoot, [emptyTreeRoot], false],
    [1, 1, emptyTreeRoot, emptyTreeRoot, [emptyTreeRoot], false],
  ] as const)('consistency %i → %i (#%#) verifies: %s', (s1, s2, a, b, proof, valid) => {
    expect(verifyConsistency(s1, s2, a, b, proof).ok).toBe(valid);
  });

  it.each([[0, 0], [0, 1], [1, 0], [2, 1]])('inclusion probe index %i size %i never verifies', (index, size) => {
    expect(verifyInclusion(index, size, someHash, [], Buffer.alloc(0)).ok).toBe(false);
    expect(verifyInclusion(index, size, Buffer.alloc(0), [], emptyTreeRoot).ok).toBe(false);
    expect(verifyInclusion(index, size, someHash, [], emptyTreeRoot).ok).toBe(false);
  });

  it('a single-entry tree proves its only leaf with an empty proof', () => {
    const hash = hashLeaf(Buffer.from('data'));
    expect(verifyInclusion(0, 1, hash, [], hash).ok).toBe(true);
    expect(verifyInclusion(0, 1, Buffer.alloc(0), [], hash).ok).toBe(false);
    expect(verifyInclusion(0, 1, hash, [], Buffer.alloc(0)).ok).toBe(false);
  });
});

describe('generated proofs verify for every size and index up to 40', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => hashLeaf(Buffer.from(`leaf ${i}`)));
  it('inclusion and consistency round-trip', () => {
    for (let n = 1; n <= leaves.length; n++) {
      const tree = leaves.slice(0, n);
      const root = rootHash(tree);
      for (let i = 0; i < n; i++) expect(verifyInclusion(i, n, tree[i], inclusionPath(i, tree), root).ok).toBe(true);
      for (let m = 0; m <= n; m++) {
        const old = rootHash(leaves.slice(0, m));
        expect(verifyConsistency(m, n, old, root, consistencyPath(m, tree)).ok).toBe(true);
      }
    }
  });
});
