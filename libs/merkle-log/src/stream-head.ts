import type { NoteSigner, NoteVerifier } from './note-keys';
import { openNote, signNote } from './signed-note';

/**
 * The log key's statement of how long a stream was at a checkpoint. Without it a dossier whose
 * last events were cut off would still verify: every remaining event is chained and included.
 *   fleettwin.custody/stream-head/v1\n<origin>\n<stream id>\n<event count>\n<last record hash>\n<tree size>\n
 * The fixed first line keeps it from ever parsing as a checkpoint signed by the same key.
 */
export const STREAM_HEAD_HEADER = 'fleettwin.custody/stream-head/v1';

export interface StreamHead {
  origin: string;
  streamId: string;
  count: number;
  lastHash: string;
  treeSize: number;
}

export type StreamHeadResult = { ok: true; head: StreamHead } | { ok: false; message: string };

export function formatStreamHead(head: StreamHead): string {
  const lines = [STREAM_HEAD_HEADER, head.origin, head.streamId, String(head.count), head.lastHash, String(head.treeSize)];
  return lines.map((l) => `${l}\n`).join('');
}

export function signStreamHead(head: StreamHead, signer: NoteSigner): string {
  return signNote(formatStreamHead(head), [signer]);
}

export function openStreamHead(signed: string, verifier: NoteVerifier): StreamHeadResult {
  const note = openNote(signed, [verifier]);
  if (!note.ok) return { ok: false, message: note.message };
  const lines = note.text.slice(0, -1).split('\n');
  const [header, origin, streamId, count, lastHash, treeSize] = lines;
  const decimal = /^(0|[1-9][0-9]*)$/;
  if (lines.length !== 6 || header !== STREAM_HEAD_HEADER || !decimal.test(count) || !decimal.test(treeSize) || !/^[0-9a-f]{64}$/.test(lastHash)) {
    return { ok: false, message: 'malformed stream head' };
  }
  return { ok: true, head: { origin, streamId, count: Number(count), lastHash, treeSize: Number(treeSize) } };
}
