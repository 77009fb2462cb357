export { HASH_SIZE, sha256, hashLeaf, hashChildren, EMPTY_TREE_ROOT } from './rfc6962.hashing';
export { rootHash, inclusionPath, consistencyPath } from './merkle-tree';
export { verifyInclusion, verifyConsistency, rootFromInclusionProof, type ProofCheck } from './proof-verification';
export { type LeafStore, InMemoryLeafStore } from './leaf-store';
export { MerkleLog, type TreeHead } from './merkle-log';
export {
  type NoteSigner,
  type NoteVerifier,
  type NoteKeyPair,
  NoteKeyError,
  generateNoteKeyPair,
  noteKeyPairFromSeed,
  parseSignerKey,
  parseVerifierKey,
  verifierFromPublicKey,
  noteKeyHash,
  isValidKeyName,
} from './note-keys';
export { signNote, openNote, type NoteSignature, type OpenNoteResult, type NoteFailureCode } from './signed-note';
export {
  type Checkpoint,
  type CheckpointResult,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  openCheckpoint,
} from './checkpoint';
export { verifyCheckpointConsistency, type ConsistencyVerdict } from './checkpoint-consistency';
export { canonicalJson, canonicalSha256Hex } from './canonical-json';
export { type ChainedRecord, GENESIS_HASH, recordHash, chainRecord } from './hash-chain';
export { type RecordStore, type LoggedRecord, InMemoryRecordStore } from './record-store';
export { type StreamHead, formatStreamHead, signStreamHead, openStreamHead } from './stream-head';
export { StreamLedger, type StreamLedgerDeps } from './stream-ledger';
export { DOSSIER_FORMAT, type Dossier, type DossierEntry } from './dossier';
export {
  verifyDossier,
  describeFailure,
  type DossierVerdict,
  type DossierFailure,
  type DossierFailureReason,
  type FailingEvent,
} from './dossier-verification';
export { verifierFromKeyText } from './verifier-key';
export { decodeBase64Strict, decodeHexStrict } from './strict-encoding';
