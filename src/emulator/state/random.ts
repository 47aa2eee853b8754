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

export function cryptoRandom(): Random {
  return () => randomBytes(4).readUInt32BE(0) / 4294967296;
}

/** Seeds from a number or any string (`--seed demo`). */
export function seedFrom(value: string | number): number {
  if (typeof value === 'number') return value;
  if (/^\d+$/.test(value)) return Number(value);
  let hash = 2166136261;
  for (const char of value) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}
