import { SENSOR_NAMES, SENSORS } from '@fleettwin/simulator';

/** Telemetry frames shaped like the simulator's (28 sensors at their healthy values plus noise). */
export interface Frame {
  tenant: string;
  assetId: string;
  ts: string;
  seq: number;
  readings: Record<string, number>;
}

/** xorshift32: cheap and deterministic, enough for noise. */
export class Noise {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
}

export function readings(noise: Noise): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of SENSOR_NAMES) {
    const spec = SENSORS[name];
    const value = spec.nominal + spec.noise * (noise.next() * 2 - 1) * 1.7;
    const scale = 10 ** spec.decimals;
    out[name] = Math.round(value * scale) / scale;
  }
  return out;
}

export function tenantOf(index: number): string {
  return `bench-${String.fromCharCode(97 + (index % 4))}`;
}

export function assetId(prefix: string, index: number): string {
  return `${prefix}-${String(index).padStart(6, '0')}`;
}

/** A fleet of assets whose seq each rise by one per frame, starting at `seqBase`. */
export class FrameSource {
  private readonly seqs: number[];
  private readonly noise: Noise;
  constructor(readonly prefix: string, readonly assets: number, seqBase: number, seed = 1) {
    this.seqs = new Array<number>(assets).fill(seqBase);
    this.noise = new Noise(seed);
  }
  next(index: number, ts = new Date().toISOString()): Frame {
    const seq = ++this.seqs[index]!;
    return { tenant: tenantOf(index), assetId: assetId(this.prefix, index), ts, seq, readings: readings(this.noise) };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** POSTs frames (≤ 5,000) to ingest; returns accepted and duplicate counts from its 202. */
export async function postFrames(ingestUrl: string, frames: Frame[]): Promise<{ accepted: number; duplicates: number }> {
  const res = await fetch(`${ingestUrl}/v1/telemetry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ frames }) });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`POST /v1/telemetry answered ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { accepted?: number; duplicates?: number };
  return { accepted: body.accepted ?? 0, duplicates: body.duplicates ?? 0 };
}
