import type { Json } from '../openapi/document.ts';
import type { RequestContext, ResourceModule } from './context.ts';

/** Query parameters that shape a list rather than filter it. */
const CONTROL = new Set([
  'page',
  'per_page',
  'include_totals',
  'from',
  'take',
  'fields',
  'include_fields',
  'q',
  'sort',
  'search_engine',
]);

/** Applies list filters: the module's own, else a plain match on the field of the same name. */
export function filterItems(
  context: RequestContext,
  module: ResourceModule | undefined,
  items: Json[],
): Json[] {
  let result = items;
  for (const [name, value] of Object.entries(context.query)) {
    if (CONTROL.has(name) || value === undefined) continue;
    const custom = module?.filters?.[name];
    if (custom) {
      result = result.filter((item) => custom(item, value, context));
    } else if (result.some((item) => item && typeof item === 'object' && name in item)) {
      result = result.filter((item) => matches(item[name], value));
    }
  }
  return result;
}

function matches(field: unknown, wanted: unknown): boolean {
  const wantedValues = Array.isArray(wanted) ? wanted : [wanted];
  const fieldValues = Array.isArray(field) ? field : [field];
  return fieldValues.some((f) => wantedValues.some((w) => String(f) === String(w)));
}

/** `fields=a,b` with `include_fields` (default true) projects each object. */
export function projectFields(query: Record<string, unknown>, value: Json): Json {
  if (typeof query.fields !== 'string' || query.fields === '') return value;
  const fields = new Set(query.fields.split(',').map((f) => f.trim()));
  const include = query.include_fields !== false && query.include_fields !== 'false';
  const project = (item: Json) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key) === include))
      : item;
  return Array.isArray(value) ? value.map(project) : project(value);
}
