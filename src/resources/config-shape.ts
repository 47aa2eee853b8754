// Small shaping steps that several adapters need when turning API objects into config
// and back. Kept here so each adapter stays a plain description of its type.

import { type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
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
export function onlyFields(obj: Record<string, unknown>, fields: readonly string[]): ConfigObject {
  const out: ConfigObject = {};
  for (const f of fields) if (obj[f] !== undefined) out[f] = obj[f] as Json;
  return out;
}

/** Set-like arrays are sorted so that order never shows up as a difference. */
export function sortedStrings(values: unknown): string[] {
  return Array.isArray(values) ? values.map(String).sort() : [];
}

export function sortedByKey<T extends Record<string, unknown>>(items: T[], ...keys: string[]): T[] {
  return [...items].sort((a, b) => {
    for (const k of keys) {
      const x = String(a[k] ?? '');
      const y = String(b[k] ?? '');
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
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

/** A copy of `config` without the top-level fields whose value deep-equals the given default. */
export function withoutDefaults(config: ConfigObject, defaults: ConfigObject): ConfigObject {
  const out: ConfigObject = {};
  for (const [k, v] of Object.entries(config)) {
    if (k in defaults && JSON.stringify(v) === JSON.stringify(defaults[k])) continue;
    out[k] = v;
  }
  return out;
}
