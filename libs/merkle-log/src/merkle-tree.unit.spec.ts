import { MerkleLog } from './merkle-log';
import { consistencyPath, inclusionPath, rootHash } from './merkle-tree';
import { EMPTY_TREE_ROOT, hashLeaf } from './rfc6962.hashing';
import { emptyTreeRoot, referenceConsistencyProofs, referenceInclusionProofs, referenceLeaves, referenceRoots } from './rfc6962.vectors';

const leafHashes = referenceLeaves.map((l) => hashLeaf(l));

describe('RFC 6962 tree over the transparency-dev reference leaves', () => {
  it('has the reference empty-tree root', () => {
    expect(EMPTY_TREE_ROOT).toEqual(emptyTreeRoot);
    expect(rootHash([])).toEqual(emptyTreeRoot);
  });

  it.each(referenceRoots.map((root, i) => [i + 1, root] as const))('computes the reference root of size %i', (size, root) => {
    expect(rootHash(leafHashes.slice(0, size)).toString('hex')).toBe(root.toString('hex'));
  });

  it.each(referenceInclusionProofs)('generates the reference inclusion proof for leaf $leafIndex of $treeSize', (p) => {
    expect(inclusionPath(p.leafIndex, leafHashes.slice(0, p.treeSize))).toEqual(p.proof);
  });

  it.each(referenceConsistencyProofs)('generates the reference consistency proof $size1 → $size2', (p) => {
    expect(consistencyPath(p.size1, leafHashes.slice(0, p.size2))).toEqual(p.proof);
  });

  it('serves the same heads and proofs through the append-only log', async () => {
    const log = new MerkleLog();
    for (const leaf of referenceLeaves) await log.append(leaf);
    for (let size = 1; size <= 8; size++) expect((await log.treeHead(size)).rootHash).toEqual(referenceRoots[size - 1]);
    expect(await log.inclusionProof(5, 8)).toEqual(referenceInclusionProofs[2].proof);
    expect(await log.consistencyProof(6, 8)).toEqual(referenceConsistencyProofs[2].proof);
    await expect(log.treeHead(9)).rejects.toThrow(RangeError);
  });
});
