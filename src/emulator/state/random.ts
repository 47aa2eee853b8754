import { randomBytes } from 'node:crypto';

/** A source of uniform numbers in [0, 1): seeded for reproducible runs, crypto otherwise. */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for ids and fault injection. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws from a pooled buffer: one randomBytes call per 1,024 numbers instead of one each. */
export function cryptoRandom(): Random {
  let pool = randomBytes(4096);
  let offset = 0;
  return () => {
    if (offset >= pool.length) {
      pool = randomBytes(4096);
      offset = 0;
    }
    const value = pool.readUInt32BE(offset) / 4294967296;
    offset += 4;
    return value;
  };
}

/** Seeds from a number or any string (`--seed demo`). */
export function seedFrom(value: string | number): number {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(value)) return Number(value);
  let hash = 2166136261;
  for (const char of value) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}
