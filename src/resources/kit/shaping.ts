// Shaping steps between API objects and config: picking fields, canonical order of set-like
// arrays, server defaults, and the body of a PATCH.

import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../../core/json.ts';

/** A copy of `obj` without `fields`, and without undefined values (JSON has none). */
export function withoutFields(obj: Record<string, unknown>, fields: readonly string[]): ConfigObject {
  const out: ConfigObject = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || fields.includes(k)) continue;
    out[k] = v as Json;
  }
  return out;
}

/** A copy of `obj` holding only `fields` that are set. */
export function onlyFields(obj: Record<string, unknown>, fields: Iterable<string>): ConfigObject {
  const out: ConfigObject = {};
  for (const f of fields) if (obj[f] !== undefined) out[f] = obj[f] as Json;
  return out;
}

/**
 * A set-like array in canonical order, each element once: order and repetition are never a
 * difference. `keys` identify object elements; plain values are compared whole.
 */
export function canonicalSet(values: readonly Json[], keys: readonly string[]): Json[] {
  const identity = (v: Json) =>
    keys.length > 0 && isPlainObject(v) ? canonicalJson(keys.map((k) => v[k] ?? null)) : canonicalJson(v);
  const unique = new Map<string, Json>();
  for (const v of values) if (!unique.has(identity(v))) unique.set(identity(v), v);
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** Deep merge of `over` onto `base`, for APIs that replace a nested object whole on PATCH. */
export function mergedOver(base: Json | undefined, over: Json): Json {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: { [k: string]: Json } = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergedOver(base[k], v);
  return out;
}

/**
 * The body of a PATCH: each changed top-level field. Nested objects are merged over the
 * live value because the API replaces them whole, and the diff only compared the keys the
 * config names (a server-filled key inside must survive the update).
 */
export function patchBody(
  desired: ConfigObject,
  changed: readonly string[],
  live: ConfigObject | undefined,
): ConfigObject {
  const body: ConfigObject = {};
  for (const f of changed) {
    if (desired[f] === undefined) continue;
    body[f] = mergedOver(live?.[f], desired[f]);
  }
  return body;
}
