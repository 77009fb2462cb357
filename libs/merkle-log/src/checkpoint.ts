import type { NoteSigner, NoteVerifier } from './note-keys';
import { HASH_SIZE } from './rfc6962.hashing';
import { openNote, signNote } from './signed-note';
import { decodeBase64Strict } from './strict-encoding';

/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text is
 *   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n]*
 * and it is signed as a C2SP signed note by the log's key, whose name is the origin.
 */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}

export type CheckpointResult = { ok: true; checkpoint: Checkpoint } | { ok: false; code: CheckpointFailureCode; message: string };
export type CheckpointFailureCode = 'MALFORMED_CHECKPOINT' | 'BAD_SIGNATURE' | 'WRONG_ORIGIN';

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const lines = [checkpoint.origin, String(checkpoint.size), checkpoint.rootHash.toString('base64'), ...checkpoint.extensions];
  return lines.map((l) => `${l}\n`).join('');
}

export function parseCheckpoint(text: string): CheckpointResult {
  if (!text.endsWith('\n')) return malformed('checkpoint text must end in a newline');
  const [origin, sizeLine, rootLine, ...extensions] = text.slice(0, -1).split('\n');
  if (!origin || sizeLine === undefined || rootLine === undefined) return malformed('checkpoint needs origin, size and root lines');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) return malformed(`bad tree size ${JSON.stringify(sizeLine)}`);
  const rootHash = decodeBase64Strict(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) return malformed('root hash must be base64 of 32 bytes');
  if (extensions.some((e) => e.length === 0)) return malformed('extension lines must not be empty');
  return { ok: true, checkpoint: { origin, size: Number(sizeLine), rootHash, extensions } };
}

export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/** Opens a signed checkpoint with the log's key; the origin must be the key's name. */
export function openCheckpoint(signedCheckpoint: string, verifier: NoteVerifier): CheckpointResult {
  const note = openNote(signedCheckpoint, [verifier]);
  if (!note.ok) {
    const code = note.code === 'MALFORMED_NOTE' ? 'MALFORMED_CHECKPOINT' : 'BAD_SIGNATURE';
    return { ok: false, code, message: note.message };
  }
  const parsed = parseCheckpoint(note.text);
  if (!parsed.ok) return parsed;
  if (parsed.checkpoint.origin !== verifier.name) {
    return { ok: false, code: 'WRONG_ORIGIN', message: `checkpoint origin ${parsed.checkpoint.origin} is not the key name ${verifier.name}` };
  }
  return parsed;
}

function malformed(message: string): CheckpointResult {
  return { ok: false, code: 'MALFORMED_CHECKPOINT', message };
}
