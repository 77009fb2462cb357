import { openCheckpoint, type Checkpoint } from './checkpoint';
import { DOSSIER_FORMAT } from './dossier';
import { recordHash, GENESIS_HASH } from './hash-chain';
import type { NoteVerifier } from './note-keys';
import { verifyInclusion } from './proof-verification';
import { hashLeaf } from './rfc6962.hashing';
import { openStreamHead, type StreamHead } from './stream-head';
import { decodeBase64Strict } from './strict-encoding';
import { verifierFromKeyText } from './verifier-key';

export type DossierFailureReason =
  | 'MALFORMED_DOSSIER'
  | 'BAD_KEY'
  | 'BAD_SIGNATURE'
  | 'MALFORMED_EVENT'
  | 'WRONG_STREAM'
  | 'WRONG_ORDER'
  | 'MISSING_EVENT'
  | 'BAD_HASH'
  | 'BROKEN_PREV_HASH'
  | 'BAD_INCLUSION_PROOF'
  | 'TRUNCATED';

/** The event a failure is about, named as precisely as its (possibly tampered) bytes allow. */
export interface FailingEvent {
  index: number;
  sequence?: number;
  type?: string;
  id?: string;
}

export interface DossierFailure {
  reason: DossierFailureReason;
  message: string;
  event?: FailingEvent;
}

export type DossierVerdict =
  | { valid: true; streamId: string; events: number; checkpoint: { origin: string; size: number; rootHash: string } }
  | { valid: false; failure: DossierFailure };

interface Entry {
  record: { streamId: string; sequence: number; prevHash: string; event: unknown; hash: string };
  leafIndex: number;
  proof: Buffer[];
}

type Step<T> = { ok: true; value: T } | { ok: false; failure: DossierFailure };

/**
 * Checks a dossier with nothing but the log's public key: signatures first (nothing unsigned is
 * trusted), then each event in order, then that no event is missing after the last. Reports the
 * first failure only; the dossier is untrusted input, so every field is checked before use.
 */
export function verifyDossier(dossier: unknown, key: NoteVerifier | string): DossierVerdict {
  const top = readTop(dossier);
  if (!top.ok) return { valid: false, failure: top.failure };
  const verifier = resolveKey(key, top.value.checkpoint);
  if (!verifier.ok) return { valid: false, failure: verifier.failure };
  const signed = openSigned(top.value, verifier.value);
  if (!signed.ok) return { valid: false, failure: signed.failure };
  const { checkpoint, head } = signed.value;
  const events = checkEntries(top.value, checkpoint);
  if (!events.ok) return { valid: false, failure: events.failure };
  const complete = checkHead(head, events.value, checkpoint, top.value.streamId);
  if (!complete.ok) return { valid: false, failure: complete.failure };
  return {
    valid: true,
    streamId: top.value.streamId,
    events: events.value.length,
    checkpoint: { origin: checkpoint.origin, size: checkpoint.size, rootHash: checkpoint.rootHash.toString('base64') },
  };
}

interface Top {
  streamId: string;
  checkpoint: string;
  streamHead: string;
  entries: unknown[];
}

function readTop(dossier: unknown): Step<Top> {
  if (!isObject(dossier) || dossier.format !== DOSSIER_FORMAT) return fail('MALFORMED_DOSSIER', `not a ${DOSSIER_FORMAT} document`);
  const { streamId, checkpoint, streamHead, entries } = dossier;
  if (typeof streamId !== 'string' || typeof checkpoint !== 'string' || typeof streamHead !== 'string' || !Array.isArray(entries)) {
    return fail('MALFORMED_DOSSIER', 'streamId, checkpoint, streamHead and entries are required');
  }
  if (entries.length === 0) return fail('MALFORMED_DOSSIER', 'dossier has no events');
  return { ok: true, value: { streamId, checkpoint, streamHead, entries } };
}

function resolveKey(key: NoteVerifier | string, checkpointNote: string): Step<NoteVerifier> {
  if (typeof key !== 'string') return { ok: true, value: key };
  try {
    return { ok: true, value: verifierFromKeyText(key, checkpointNote.split('\n', 1)[0]) };
  } catch (error) {
    return fail('BAD_KEY', (error as Error).message);
  }
}

function openSigned(top: Top, verifier: NoteVerifier): Step<{ checkpoint: Checkpoint; head: StreamHead }> {
  const checkpoint = openCheckpoint(top.checkpoint, verifier);
  if (!checkpoint.ok) return fail('BAD_SIGNATURE', `checkpoint: ${checkpoint.message}`);
  const head = openStreamHead(top.streamHead, verifier);
  if (!head.ok) return fail('BAD_SIGNATURE', `stream head: ${head.message}`);
  return { ok: true, value: { checkpoint: checkpoint.checkpoint, head: head.head } };
}

function checkEntries(top: Top, checkpoint: Checkpoint): Step<Entry[]> {
  const checked: Entry[] = [];
  for (const [index, raw] of top.entries.entries()) {
    const entry = readEntry(raw, index);
    if (!entry.ok) return entry;
    const problem = checkEntry(entry.value, index, checked[index - 1], top, checkpoint);
    if (problem) return { ok: false, failure: problem };
    checked.push(entry.value);
  }
  return { ok: true, value: checked };
}

function checkEntry(entry: Entry, index: number, previous: Entry | undefined, top: Top, checkpoint: Checkpoint): DossierFailure | null {
  const { record } = entry;
  const event = nameEvent(record, index);
  if (record.streamId !== top.streamId) return failure('WRONG_STREAM', `belongs to ${record.streamId}, not ${top.streamId}`, event);
  if (record.sequence !== index) return sequenceFailure(record.sequence, index, top.entries, event);
  if (recordHash(record) !== record.hash) return failure('BAD_HASH', 'stored hash does not match the record', event);
  const expectedPrev = previous ? previous.record.hash : GENESIS_HASH;
  if (record.prevHash !== expectedPrev) return failure('BROKEN_PREV_HASH', 'prevHash is not the hash of the preceding event', event);
  if (previous && entry.leafIndex <= previous.leafIndex) return failure('WRONG_ORDER', 'leaf index does not follow the preceding event', event);
  const included = verifyInclusion(entry.leafIndex, checkpoint.size, hashLeaf(Buffer.from(record.hash, 'hex')), entry.proof, checkpoint.rootHash);
  if (!included.ok) return failure('BAD_INCLUSION_PROOF', `not included in the checkpoint: ${included.reason}`, event);
  return null;
}

/** A sequence out of place is a reordering if the expected one comes later, else a deletion. */
function sequenceFailure(sequence: number, expected: number, entries: unknown[], event: FailingEvent): DossierFailure {
  const laterHasExpected = entries.slice(expected + 1).some((e) => isObject(e) && isObject(e.record) && e.record.sequence === expected);
  if (laterHasExpected) return failure('WRONG_ORDER', `sequence ${sequence} found where ${expected} belongs`, event);
  return failure('MISSING_EVENT', `event with sequence ${expected} is missing before this one`, event);
}

function checkHead(head: StreamHead, entries: Entry[], checkpoint: Checkpoint, streamId: string): Step<true> {
  const last = entries[entries.length - 1];
  const event = nameEvent(last.record, entries.length - 1);
  if (head.streamId !== streamId || head.origin !== checkpoint.origin || head.treeSize !== checkpoint.size) {
    return fail('BAD_SIGNATURE', 'stream head is for another stream or checkpoint');
  }
  if (head.count !== entries.length || head.lastHash !== last.record.hash) {
    return { ok: false, failure: failure('TRUNCATED', `log holds ${head.count} events ending in ${head.lastHash.slice(0, 12)}…; dossier ends here`, event) };
  }
  return { ok: true, value: true };
}

function readEntry(raw: unknown, index: number): Step<Entry> {
  const bad = (why: string): Step<Entry> => ({ ok: false, failure: failure('MALFORMED_EVENT', why, nameEvent(isObject(raw) ? raw.record : undefined, index)) });
  if (!isObject(raw) || !isObject(raw.record)) return bad('entry needs a record');
  const { streamId, sequence, prevHash, hash } = raw.record;
  if (typeof streamId !== 'string' || !isIndex(sequence) || !('event' in raw.record)) return bad('record needs streamId, sequence and event');
  if (!isHashHex(prevHash) || !isHashHex(hash)) return bad('prevHash and hash must be 64 lowercase hex digits');
  if (!isIndex(raw.leafIndex) || !Array.isArray(raw.inclusionProof)) return bad('entry needs leafIndex and inclusionProof');
  const proof = raw.inclusionProof.map((p) => (typeof p === 'string' ? decodeBase64Strict(p) : null));
  if (proof.some((p) => p === null)) return bad('inclusion proof hashes must be canonical base64');
  const record = { streamId, sequence, prevHash, hash, event: raw.record.event };
  return { ok: true, value: { record, leafIndex: raw.leafIndex, proof: proof as Buffer[] } };
}

function nameEvent(record: unknown, index: number): FailingEvent {
  const named: FailingEvent = { index };
  if (!isObject(record)) return named;
  if (typeof record.sequence === 'number') named.sequence = record.sequence;
  const event = record.event;
  if (isObject(event) && typeof event.type === 'string') named.type = event.type;
  if (isObject(event) && isObject(event.metadata) && typeof event.metadata.eventId === 'string') named.id = event.metadata.eventId;
  return named;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function isHashHex(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
}

function failure(reason: DossierFailureReason, message: string, event?: FailingEvent): DossierFailure {
  return event ? { reason, message, event } : { reason, message };
}

function fail<T>(reason: DossierFailureReason, message: string): Step<T> {
  return { ok: false, failure: failure(reason, message) };
}

/** One line for people: which event failed and why. */
export function describeFailure(f: DossierFailure): string {
  if (!f.event) return `${f.reason}: ${f.message}`;
  const { index, sequence, type, id } = f.event;
  const parts = [`#${index}`, sequence !== undefined ? `sequence ${sequence}` : '', type ?? '', id ? `id ${id}` : ''].filter(Boolean);
  return `${f.reason} at event ${parts.join(', ')}: ${f.message}`;
}
