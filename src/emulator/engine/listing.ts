import type { Json } from '../openapi/document.ts';
import type { Collection } from '../state/collection.ts';
import type { RequestContext, ResourceModule } from './context.ts';
import { decodeCursor, encodeCursor, type Listing } from './pagination.ts';

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

type Predicate = (item: Json) => boolean;

/**
 * A stored collection as a Listing: each item is presented (shaped for reading), filtered and
 * projected only when a page reaches it. Unfiltered, a page costs its own length whatever the
 * collection's size; checkpoint cursors are sequence numbers the collection seeks by binary
 * search. Filtered, a checkpoint page scans on from its cursor (so a whole listing scans the
 * collection once) and an offset page from the start (offset paging stops at 1,000 records).
 */
export function collectionListing(
  context: RequestContext,
  module: ResourceModule | undefined,
  items: Collection,
  present: (stored: Json) => Json,
): Listing {
  const itemAt = (position: number) => present(items.at(position));
  const project = projectorOf(context.query);
  const matches = filterOf(context, module, items, present);
  const nextMatch = (from: number): number => {
    for (let position = from; position < items.size; position++)
      if (matches!(itemAt(position))) return position;
    return items.size;
  };
  return {
    total() {
      if (!matches) return items.size;
      let count = 0;
      for (let position = 0; position < items.size; position++) if (matches(itemAt(position))) count++;
      return count;
    },
    take(position, skip, count) {
      if (!matches) {
        const start = position + skip;
        const end = Math.min(items.size, start + count);
        const page: Json[] = [];
        for (let p = start; p < end; p++) page.push(project(itemAt(p)));
        return { items: page, end, more: end < items.size };
      }
      const page: Json[] = [];
      let skipped = 0;
      let p = position;
      for (; p < items.size && page.length < count; p++) {
        const item = itemAt(p);
        if (!matches(item)) continue;
        if (skipped < skip) skipped++;
        else page.push(project(item));
      }
      return { items: page, end: p, more: nextMatch(p) < items.size };
    },
    cursorAt: (end) => encodeCursor('s', items.seqAt(end - 1)),
    positionOf: (cursor) => items.positionAfter(decodeCursor('s', cursor)),
  };
}

/**
 * The list filters in the query: the module's own, else a plain match on the field of the same
 * name, applied only if some item has that field (a parameter the items do not carry filters
 * nothing). Undefined when nothing filters.
 */
function filterOf(
  context: RequestContext,
  module: ResourceModule | undefined,
  items: Collection,
  present: (stored: Json) => Json,
): Predicate | undefined {
  const tests: Predicate[] = [];
  for (const [name, value] of Object.entries(context.query)) {
    if (CONTROL.has(name) || value === undefined) continue;
    const custom = module?.filters?.[name];
    if (custom) tests.push((item) => custom(item, value, context));
    else if (someHas(items, present, name))
      tests.push((item) => isObject(item) && matches(item[name], value));
  }
  if (tests.length === 0) return undefined;
  return (item) => tests.every((test) => test(item));
}

function someHas(items: Collection, present: (stored: Json) => Json, field: string): boolean {
  for (const stored of items.values()) {
    const item = present(stored);
    if (isObject(item) && field in item) return true;
  }
  return false;
}

const isObject = (item: Json): boolean => item !== null && typeof item === 'object';

function matches(field: unknown, wanted: unknown): boolean {
  const wantedValues = Array.isArray(wanted) ? wanted : [wanted];
  const fieldValues = Array.isArray(field) ? field : [field];
  return fieldValues.some((f) => wantedValues.some((w) => String(f) === String(w)));
}

/** `fields=a,b` with `include_fields` (default true) projects each object. */
export function projectFields(query: Record<string, unknown>, value: Json): Json {
  const project = projectorOf(query);
  return Array.isArray(value) ? value.map(project) : project(value);
}

function projectorOf(query: Record<string, unknown>): (item: Json) => Json {
  if (typeof query.fields !== 'string' || query.fields === '') return (item) => item;
  const fields = new Set(query.fields.split(',').map((f) => f.trim()));
  const include = query.include_fields !== false && query.include_fields !== 'false';
  return (item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).filter(([key]) => fields.has(key) === include))
      : item;
}
