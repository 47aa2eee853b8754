import { badRequest } from '../http/api-error.ts';
import { type ApiDocument, type Json, type Operation, schemaVariants } from '../openapi/document.ts';
import type { Reply, RequestContext } from './context.ts';

/** How the real API pages one list operation, read from its declared parameters and response. */
export interface ListStyle {
  key: string;
  checkpoint: boolean;
  offset: boolean;
  /** `{<key>, total, page, per_page}` with no include_totals (actions, bindings, versions). */
  pagedEnvelope: boolean;
  defaultPerPage: number;
  /**
   * Offset pages stop at 1,000 records: where the list also pages by checkpoint (the 400 names
   * it as the way on), or where the document says so for an offset-only list (invitations).
   */
  offsetLimited: boolean;
}

const OFFSET_RECORD_LIMIT = 1000;
const MAX_PAGE_SIZE = 100;
const META_KEYS = new Set(['start', 'limit', 'length', 'total', 'next', 'page', 'per_page']);
const styleCache = new WeakMap<Operation, ListStyle>();

export function listStyleOf(document: ApiDocument, operation: Operation): ListStyle {
  let style = styleCache.get(operation);
  if (style) return style;
  const declared = new Set(
    operation.parameters.filter((p) => p.in === 'query' && !p.ignored).map((p) => p.name),
  );
  const envelope = envelopeOf(document, operation.responseSchema);
  const lastStatic = [...operation.segments].reverse().find((s) => !s.startsWith('{')) ?? '';
  const key = envelope.key ?? lastStatic.replace(/-/g, '_');
  const isActionsFamily = operation.pathTemplate.startsWith('/actions/');
  const paged = declared.has('page') || declared.has('per_page');
  const pagedEnvelope = paged && !declared.has('include_totals') && (envelope.hasTotal || isActionsFamily);
  const checkpoint = declared.has('from') || declared.has('take');
  style = {
    key,
    checkpoint,
    offset: paged || declared.has('include_totals'),
    pagedEnvelope,
    defaultPerPage: pagedEnvelope && isActionsFamily ? 20 : 50,
    offsetLimited: checkpoint || declaresOffsetLimit(document, operation),
  };
  styleCache.set(operation, style);
  return style;
}

/** Whether the operation's description or its 400 reply speaks of the 1,000-record offset limit. */
function declaresOffsetLimit(document: ApiDocument, operation: Operation): boolean {
  const declared = document.raw?.paths?.[operation.pathTemplate]?.[operation.method];
  const texts = [declared?.description, ...Object.values<unknown>(declared?.responses?.['400'] ?? {})];
  return texts.some((text) => typeof text === 'string' && /\b1,?000 (records|users)\b/.test(text));
}

/** Finds the list's key in the response schema: the array property of the envelope object. */
function envelopeOf(document: ApiDocument, schema: Json): { key?: string; hasTotal: boolean } {
  const resolved = document.deref(schema);
  if (!resolved || typeof resolved !== 'object') return { hasTotal: false };
  for (const candidate of schemaVariants(document, resolved)) {
    const properties = candidate?.properties;
    if (!properties) continue;
    for (const [name, property] of Object.entries<Json>(properties)) {
      if (META_KEYS.has(name)) continue;
      if (document.deref(property)?.type === 'array') return { key: name, hasTotal: 'total' in properties };
    }
  }
  return { hasTotal: false };
}

/**
 * A list as paging reads it: items by position in a stable order, and checkpoint cursors that
 * name a place in it. Pages cost what they return (see collectionListing), not the whole list.
 */
export interface Listing {
  /** How many items the list holds, for totals. */
  total(): number;
  /** Up to `count` items from `position` on, after skipping `skip`; where the next page starts, and whether it has any. */
  take(position: number, skip: number, count: number): { items: Json[]; end: number; more: boolean };
  /** The cursor for the page that starts at `end` (as `take` returned it). */
  cursorAt(end: number): string;
  /** Where a cursor this list gave resumes; a 400 for any other. */
  positionOf(cursor: string): number;
}

/** Cursors are opaque to clients: a kind (`o` an offset, `s` a sequence number) and a number. */
export const encodeCursor = (kind: 'o' | 's', value: number) =>
  Buffer.from(`${kind}:${value}`).toString('base64url');

export function decodeCursor(kind: 'o' | 's', from: string): number {
  const text = Buffer.from(from, 'base64url').toString('utf8');
  if (!text.startsWith(`${kind}:`) || !/^\d+$/.test(text.slice(2)))
    throw badRequest(
      "Query validation error: 'Invalid value for from' on property from.",
      'invalid_query_string',
    );
  return Number(text.slice(2));
}

/** A list a custom route computed whole; its cursors are offsets. */
export function arrayListing(items: Json[]): Listing {
  return {
    total: () => items.length,
    take(position, skip, count) {
      const start = position + skip;
      const end = Math.min(items.length, start + count);
      return { items: items.slice(start, end), end, more: end < items.length };
    },
    cursorAt: (end) => encodeCursor('o', end),
    positionOf: (cursor) => decodeCursor('o', cursor),
  };
}

function integerOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : value === undefined ? fallback : Number(value);
}

/** Pages a list exactly as the real API shapes it. */
export function paginate(style: ListStyle, query: Record<string, unknown>, listing: Listing): unknown {
  if (style.checkpoint && (query.from !== undefined || query.take !== undefined)) {
    const take = integerOr(query.take, 50);
    if (take < 1 || take > MAX_PAGE_SIZE) {
      throw badRequest(
        `Query validation error: 'take' must be between 1 and ${MAX_PAGE_SIZE}.`,
        'invalid_query_string',
      );
    }
    const start = query.from === undefined || query.from === '' ? 0 : listing.positionOf(String(query.from));
    const page = listing.take(start, 0, take);
    const body: Record<string, unknown> = { [style.key]: page.items };
    if (page.more) body.next = listing.cursorAt(page.end);
    return body;
  }
  if (!style.offset) return listing.take(0, 0, Number.POSITIVE_INFINITY).items;
  const page = integerOr(query.page, 0);
  const perPage = integerOr(query.per_page, style.defaultPerPage);
  if (perPage > MAX_PAGE_SIZE) {
    throw badRequest(
      `Query validation error: 'per_page' must be at most ${MAX_PAGE_SIZE}.`,
      'invalid_query_string',
    );
  }
  const start = page * perPage;
  if (
    style.offsetLimited &&
    !style.pagedEnvelope &&
    start + perPage > OFFSET_RECORD_LIMIT &&
    (query.page !== undefined || query.per_page !== undefined)
  ) {
    throw badRequest(
      `Requesting page exceeds the allowed maximum of ${OFFSET_RECORD_LIMIT} records; use checkpoint pagination instead.`,
      'invalid_paging',
    );
  }
  const slice = listing.take(0, start, perPage).items;
  if (style.pagedEnvelope) return { [style.key]: slice, total: listing.total(), page, per_page: perPage };
  if (query.include_totals === true || query.include_totals === 'true') {
    return { start, limit: perPage, length: slice.length, total: listing.total(), [style.key]: slice };
  }
  return slice;
}

/** A custom route's list reply: `items` paged as the operation pages, with `style` overriding what it reads. */
export function listReply(
  context: RequestContext,
  items: Json[],
  style: Partial<ListStyle> = {},
  query: Record<string, unknown> = context.query,
): Reply {
  return {
    status: context.operation.successStatus,
    body: paginate(
      { ...listStyleOf(context.document, context.operation), ...style },
      query,
      arrayListing(items),
    ),
  };
}
