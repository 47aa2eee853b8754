// Fingerprints of live objects, so a saved plan can tell whether what it read has changed
// since. The JSON is canonical so that the API returning the same object with its keys in
// another order is not a change.

import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/json.ts';

/** `sha256:<hex>` of the canonical JSON of a raw API object. */
export function fingerprintOf(raw: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(raw)).digest('hex')}`;
}
