import { openCheckpoint, type Checkpoint } from './checkpoint';
import type { NoteVerifier } from './note-keys';
import { verifyConsistency } from './proof-verification';
import { decodeBase64Strict } from './strict-encoding';

export type ConsistencyVerdict = { ok: true; from: Checkpoint; to: Checkpoint } | { ok: false; reason: string };

/**
 * Two signed checkpoints and a consistency proof between them: the later log only appended to the
 * earlier one. This is how an auditor holding an old checkpoint notices a rewritten history.
 */
export function verifyCheckpointConsistency(
  olderSigned: string,
  newerSigned: string,
  proofBase64: readonly string[],
  verifier: NoteVerifier,
): ConsistencyVerdict {
  const older = openCheckpoint(olderSigned, verifier);
  if (!older.ok) return { ok: false, reason: `older checkpoint: ${older.message}` };
  const newer = openCheckpoint(newerSigned, verifier);
  if (!newer.ok) return { ok: false, reason: `newer checkpoint: ${newer.message}` };
  const proof = proofBase64.map(decodeBase64Strict);
  if (proof.some((p) => p === null)) return { ok: false, reason: 'proof hashes must be canonical base64' };
  const from = older.checkpoint;
  const to = newer.checkpoint;
  const check = verifyConsistency(from.size, to.size, from.rootHash, to.rootHash, proof as Buffer[]);
  return check.ok ? { ok: true, from, to } : { ok: false, reason: check.reason };
}
