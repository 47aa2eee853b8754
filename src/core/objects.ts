// The two sides every plan compares: what the config wants and what the tenant has, each
// one object of one type under its natural key.

import type { ConfigObject } from './json.ts';

/** An object the config wants in the tenant. */
export interface DesiredObject {
  type: string;
  /** Natural key: keyOf for list sections, the YAML key for map sections, 'default' for singletons. */
  key: string;
  config: ConfigObject;
}

/** An object as the tenant has it. */
export interface LiveObject {
  type: string;
  key: string;
  id: string;
  /** adapter.toConfig of the record: what desired is compared with. */
  config: ConfigObject;
  /** The record as listed: what the fingerprint hashes. */
  raw: Record<string, unknown>;
  /** adapter.isSystem: never changed, never deleted, never counted as unmanaged. */
  system: boolean;
}

/** A natural key made of several parts (a grant's client and audience; a prompt and a language). */
export function joinKey(parts: readonly string[]): string {
  return parts.join(' → ');
}

export function splitKey(key: string): string[] {
  return key.split(' → ');
}
