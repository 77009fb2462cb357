import { hashUniform } from './prng';

export const BAD_FRAME_KINDS = ['malformed-json', 'missing-seq', 'bad-timestamp', 'empty-readings', 'non-numeric-reading', 'bad-sensor-name'] as const;
export type BadFrameKind = (typeof BAD_FRAME_KINDS)[number];

/** A deliberately invalid payload sent in place of one frame; recorded in the ground truth. */
export interface BadFrame {
  kind: BadFrameKind;
  /** The JSON value to send, or for `malformed-json` the raw text. */
  payload: unknown;
  /** The bytes to put on the wire (already serialised). */
  body: string;
}

/** Whether the engine's frame with this ordinal is replaced by a bad frame; a pure function of its inputs. */
export function isBadFrame(seed: number, assetId: string, ordinal: number, rate: number): boolean {
  return rate > 0 && hashUniform(seed, 'bad-frame', assetId, ordinal) < rate;
}

/**
 * Builds the invalid version of a frame. `withAddress` adds tenant and assetId, as an HTTP frame
 * carries them in the body while MQTT carries them in the topic.
 */
export function makeBadFrame(seed: number, assetId: string, ordinal: number, good: { ts: string; seq: number; readings: Record<string, number | null> }, address: Record<string, string>): BadFrame {
  const kind = BAD_FRAME_KINDS[Math.floor(hashUniform(seed, 'bad-kind', assetId, ordinal) * BAD_FRAME_KINDS.length)];
  const payload = badPayload(kind, good, address);
  return { kind, payload, body: typeof payload === 'string' ? payload : JSON.stringify(payload) };
}

function badPayload(kind: BadFrameKind, good: { ts: string; seq: number; readings: Record<string, number | null> }, address: Record<string, string>): unknown {
  switch (kind) {
    case 'malformed-json':
      return `{"ts":"${good.ts}","seq":${good.seq},"readings":{"egt":`;
    case 'missing-seq':
      return { ...address, ts: good.ts, readings: good.readings };
    case 'bad-timestamp':
      return { ...address, ts: 'yesterday at noon', seq: good.seq, readings: good.readings };
    case 'empty-readings':
      return { ...address, ts: good.ts, seq: good.seq, readings: {} };
    case 'non-numeric-reading':
      return { ...address, ts: good.ts, seq: good.seq, readings: { ...good.readings, egt: 'hot' } };
    case 'bad-sensor-name':
      return { ...address, ts: good.ts, seq: good.seq, readings: { ...good.readings, '$egt/../': 1 } };
  }
}
