// The JSON values config and the tenant are made of, shared by config, resources, planner
// and export so that none of them has to import another for its basic types.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type ConfigObject = { [field: string]: Json };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON with object keys sorted at every depth, so equal values give equal text whatever
 * order the API (or the user) wrote their keys in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = v[key];
    return sorted;
  });
}
