import vectors from './fixtures/transparency-dev-merkle.vectors.json';

/** Decoded views of the transparency-dev/merkle vectors, for the specs. */
export const hex = (h: string): Buffer => Buffer.from(h, 'hex');
export const b64 = (s: string): Buffer => Buffer.from(s, 'base64');

export const referenceLeaves = vectors.reference.leaves.map(hex);
export const referenceRoots = vectors.reference.roots.map(hex);
export const emptyTreeRoot = hex(vectors.reference.emptyTreeRoot);
export const someHash = hex(vectors.reference.someHash);
export const referenceInclusionProofs = vectors.reference.inclusionProofs.map((p) => ({ ...p, proof: p.proof.map(hex) }));
export const referenceConsistencyProofs = vectors.reference.consistencyProofs.map((p) => ({ ...p, proof: p.proof.map(hex) }));

/** Indices beyond 2^53 arrive as strings; they are never valid, so any unsafe number stands for them. */
const index = (v: number | string): number => Number(v);

export const inclusionVectors = vectors.inclusion.map((v) => ({
  desc: v.desc,
  wantErr: v.wantErr,
  leafIndex: index(v.leafIdx),
  treeSize: v.treeSize,
  root: b64(v.root),
  leafHash: b64(v.leafHash),
  proof: v.proof.map(b64),
}));

export const consistencyVectors = vectors.consistency.map((v) => ({
  desc: v.desc,
  wantErr: v.wantErr,
  size1: v.size1,
  size2: v.size2,
  root1: b64(v.root1),
  root2: b64(v.root2),
  proof: v.proof.map(b64),
}));
