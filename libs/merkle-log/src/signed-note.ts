import { isValidKeyName, type NoteSigner, type NoteVerifier } from './note-keys';
import { decodeBase64Strict } from './strict-encoding';

/**
 * C2SP signed notes: UTF-8 text ending in a newline, a blank line, then one line per signature,
 * "— <key name> <base64(4-byte key hash || signature)>". The signed message is the text alone.
 */
export interface NoteSignature {
  name: string;
  keyHash: number;
  base64: string;
}

export interface OpenedNote {
  text: string;
  verified: NoteSignature[];
  unverified: NoteSignature[];
}

export type NoteFailureCode = 'MALFORMED_NOTE' | 'INVALID_SIGNATURE' | 'NO_VERIFIABLE_SIGNATURE' | 'AMBIGUOUS_KEY';
export type OpenNoteResult = ({ ok: true } & OpenedNote) | { ok: false; code: NoteFailureCode; message: string };

const SIGNATURE_PREFIX = '\u2014 ';
// Same cap as the Go reference implementation: a note is not a place to hoard signatures.
const MAX_SIGNATURES = 100;

export function isValidNoteText(text: string): boolean {
  return text.length > 0 && text.endsWith('\n') && !/[\p{Cc}\uFFFD]/u.test(text.replace(/\n/g, ''));
}

export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!isValidNoteText(text)) throw new Error('malformed note: text must be non-empty UTF-8 ending in a newline');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => {
    const hash = Buffer.alloc(4);
    hash.writeUInt32BE(s.keyHash);
    return `${SIGNATURE_PREFIX}${s.name} ${Buffer.concat([hash, s.sign(message)]).toString('base64')}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/** Decodes bytes as UTF-8, refusing invalid sequences rather than papering over them. */
export function decodeNote(note: string | Uint8Array): string | null {
  if (typeof note === 'string') return note;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(note);
  } catch {
    return null;
  }
}

export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenNoteResult {
  const decoded = decodeNote(note);
  if (decoded === null) return malformed('note is not valid UTF-8');
  const split = decoded.lastIndexOf('\n\n');
  if (split < 0) return malformed('note has no signature block');
  const text = decoded.slice(0, split + 1);
  if (!isValidNoteText(text)) return malformed('note text must end in a newline and hold no control characters');
  const signatures = parseSignatures(decoded.slice(split + 2));
  if (!signatures) return malformed('malformed signature line');
  return checkSignatures(text, signatures, verifiers);
}

function parseSignatures(block: string): NoteSignature[] | null {
  if (!block.endsWith('\n')) return null;
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return null;
  const parsed = lines.map(parseSignatureLine);
  return parsed.every((s): s is NoteSignature => s !== null) ? parsed : null;
}

function parseSignatureLine(line: string): NoteSignature | null {
  if (!line.startsWith(SIGNATURE_PREFIX)) return null;
  const fields = line.slice(SIGNATURE_PREFIX.length).split(' ');
  if (fields.length !== 2 || !isValidKeyName(fields[0])) return null;
  const bytes = decodeBase64Strict(fields[1]);
  if (!bytes || bytes.length < 5) return null;
  return { name: fields[0], keyHash: bytes.readUInt32BE(0), base64: fields[1] };
}

function checkSignatures(text: string, signatures: NoteSignature[], verifiers: readonly NoteVerifier[]): OpenNoteResult {
  const message = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const sig of signatures) {
    const matching = verifiers.filter((v) => v.name === sig.name && v.keyHash === sig.keyHash);
    if (matching.length > 1) return { ok: false, code: 'AMBIGUOUS_KEY', message: `ambiguous key ${keyId(sig)}` };
    if (matching.length === 0) {
      if (!unverified.some((u) => sameSignature(u, sig))) unverified.push(sig);
      continue;
    }
    const raw = Buffer.from(sig.base64, 'base64').subarray(4);
    if (!matching[0].verify(message, raw)) {
      return { ok: false, code: 'INVALID_SIGNATURE', message: `invalid signature for key ${keyId(sig)}` };
    }
    if (!verified.some((v) => sameSignature(v, sig))) verified.push(sig);
  }
  if (verified.length === 0) return { ok: false, code: 'NO_VERIFIABLE_SIGNATURE', message: 'note has no verifiable signatures' };
  return { ok: true, text, verified, unverified };
}

function keyId(sig: NoteSignature): string {
  return `${sig.name}+${sig.keyHash.toString(16).padStart(8, '0')}`;
}

function sameSignature(a: NoteSignature, b: NoteSignature): boolean {
  return a.name === b.name && a.keyHash === b.keyHash && a.base64 === b.base64;
}

function malformed(message: string): OpenNoteResult {
  return { ok: false, code: 'MALFORMED_NOTE', message };
}
