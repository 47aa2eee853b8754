// Server defaults: what the API assumes for a field config leaves out. Filled in before a
// comparison (so drift of a defaulted field shows), left out of exports (so files stay short).

import { canonicalJson, type ConfigObject, isPlainObject } from './json.ts';

/** `config` with every default it leaves out filled in, at any depth of nested objects. */
export function withDefaults(config: ConfigObject, defaults: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...config };
  for (const [k, d] of Object.entries(defaults)) {
    const v = out[k];
    if (v === undefined) out[k] = structuredClone(d);
    else if (isPlainObject(v) && isPlainObject(d))
      out[k] = withDefaults(v as ConfigObject, d as ConfigObject);
  }
  return out;
}

/** `config` without what equals its default, at any depth; an object left empty goes too. */
export function withoutDefaults(config: ConfigObject, defaults: ConfigObject): ConfigObject {
  const out: ConfigObject = {};
  for (const [k, v] of Object.entries(config)) {
    const d = defaults[k];
    if (d !== undefined && canonicalJson(v) === canonicalJson(d)) continue;
    if (isPlainObject(v) && isPlainObject(d) && Object.keys(d).length > 0) {
      const rest = withoutDefaults(v as ConfigObject, d as ConfigObject);
      if (Object.keys(rest).length > 0) out[k] = rest;
      continue;
    }
    out[k] = v;
  }
  return out;
}
