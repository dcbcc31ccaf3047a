/**
 * Seeded randomness. All synthetic data derives from string keys hashed here, so the same
 * (date, district) always yields the same bytes on every machine; Math.random is never used.
 */

/** FNV-1a (32-bit) of the key parts joined by '|', finalised with a murmur3 mix for better spread. */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const key = parts.join('|');
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** A uniform number in [0, 1) fixed by the key. */
export function unitHash(...parts: readonly (string | number)[]): number {
  return hash32(...parts) / 0x100000000;
}

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, and plenty for synthetic data and fault dice. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static fromKey(...parts: readonly (string | number)[]): Prng {
    return new Prng(hash32(...parts));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) {
      throw new RangeError('pick() from an empty list');
    }
    return item;
  }
}
