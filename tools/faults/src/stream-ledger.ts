import { createHash, type Hash } from 'node:crypto';

export interface LedgerFrame {
  assetId: string;
  seq: number;
  readings: Record<string, number | null>;
}

export interface AssetTally {
  frames: number;
  lastSeq: number;
  /** SHA-256 over the asset's frames in seq order: seq and every reading, sensors sorted by name. */
  checksum: string;
}

/** One frame as checksummed: independent of key order and of how a store prints numbers. */
export function frameLine(seq: number, readings: Record<string, number | null>): string {
  const sensors = Object.keys(readings).sort();
  return `${seq}|${sensors.map((s) => `${s}=${readings[s] === null ? 'null' : String(readings[s])}`).join(';')}\n`;
}

/**
 * Per-asset frame counts and value checksums of a stream: fed with what ingest acknowledged on one
 * side and with what the twin event log holds on the other, the two must be equal. Frames must be
 * added in seq order per asset; a seq not above the last one is a duplicate and is counted apart.
 */
export class StreamLedger {
  private readonly assets = new Map<string, { frames: number; lastSeq: number; hash: Hash }>();
  duplicates = 0;

  add(frame: LedgerFrame): void {
    let tally = this.assets.get(frame.assetId);
    if (!tally) {
      tally = { frames: 0, lastSeq: -Infinity, hash: createHash('sha256') };
      this.assets.set(frame.assetId, tally);
    }
    if (frame.seq <= tally.lastSeq) {
      this.duplicates += 1;
      return;
    }
    tally.frames += 1;
    tally.lastSeq = frame.seq;
    tally.hash.update(frameLine(frame.seq, frame.readings));
  }

  get frames(): number {
    let total = 0;
    for (const tally of this.assets.values()) total += tally.frames;
    return total;
  }

  /** Closes the running hashes: call once, after the last frame. */
  tallies(): Map<string, AssetTally> {
    return new Map([...this.assets].map(([assetId, t]) => [assetId, { frames: t.frames, lastSeq: t.lastSeq, checksum: t.hash.digest('hex') }]));
  }
}

/** One checksum over the whole fleet, from the per-asset ones. */
export function fleetChecksum(tallies: Map<string, AssetTally>): string {
  const hash = createHash('sha256');
  for (const assetId of [...tallies.keys()].sort()) hash.update(`${assetId}:${tallies.get(assetId)?.frames}:${tallies.get(assetId)?.checksum}\n`);
  return hash.digest('hex');
}
