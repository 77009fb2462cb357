/**
 * Seeded randomness. The simulator never calls Math.random: every engine owns a stream derived
 * from (fleet seed, engine index, purpose) so one engine's readings do not depend on how many
 * other engines exist or in which order they are stepped.
 */

/** 32-bit avalanche hash (murmur3 finaliser); mixes seeds and labels into independent streams. */
export function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes a seed and any number of integer or string parts into one 32-bit seed. */
export function deriveSeed(seed: number, ...parts: ReadonlyArray<number | string>): number {
  let h = mix32(seed ^ 0x9e3779b9);
  for (const part of parts) {
    if (typeof part === 'number') {
      h = mix32(h ^ mix32(part + 0x7f4a7c15));
      continue;
    }
    for (let i = 0; i < part.length; i++) h = mix32(h ^ (part.charCodeAt(i) + i * 0x01000193));
  }
  return h;
}

/** A uniform draw in [0, 1) that is a pure function of its seed and parts (no state). */
export function hashUniform(seed: number, ...parts: ReadonlyArray<number | string>): number {
  return deriveSeed(seed, ...parts) / 4294967296;
}

/** Mulberry32: small, fast and good enough for noise; state is one 32-bit integer. */
export class Prng {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Standard normal by Box-Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  gaussian(mean: number, sd: number): number {
    return mean + sd * this.normal();
  }

  pick<T>(items: ReadonlyArray<T>): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by relative weight; weights need not sum to 1. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let draw = this.next() * total;
    for (const [item, weight] of items) {
      draw -= weight;
      if (draw < 0) return item;
    }
    return items[items.length - 1][0];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
