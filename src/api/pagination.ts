// The Management API pages lists three ways; each helper walks one of them to the end.
// They take a "fetch one page as JSON" function so they stay independent of the HTTP client.

import { ApiError, isRecord } from './api-error.ts';

export type Query = Record<string, string | number | boolean>;
export type GetPage = (path: string, query: Query) => Promise<unknown>;

const PAGE_SIZE = 100;
// A safety net against a server that never says "done": 10,000 pages is a million objects.
const MAX_PAGES = 10_000;

/** A list that cannot be read to its end: planning on part of it would plan deletes of the rest. */
export class IncompleteListError extends Error {
  override readonly name = 'IncompleteListError';
}

/** page/per_page/include_totals → {start, limit, total, [key]}; a bare array reply is accepted too. */
export function listOffset<T>(getPage: GetPage, path: string, key: string, query: Query = {}): Promise<T[]> {
  return listPageByPage<T>(getPage, path, key, { ...query, include_totals: true }, 'limit');
}

/** from/take → {[key], next?}; no next means done. */
export async function listCheckpoint<T>(
  getPage: GetPage,
  path: string,
  key: string,
  query: Query = {},
): Promise<T[]> {
  const all: T[] = [];
  let from: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    // A smaller page where the operation allows no more (`take` at most 10 for some).
    const take = query.take ?? PAGE_SIZE;
    const reply = await getPage(path, { ...query, take, ...(from === undefined ? {} : { from }) });
    const items = itemsOf<T>(reply, key, path);
    all.push(...items);
    const next = isRecord(reply) && typeof reply.next === 'string' && reply.next ? reply.next : undefined;
    if (next === undefined || items.length === 0) break;
    if (next === from) throw new Error(`GET ${path}: checkpoint pagination returned the same "next" twice`);
    from = next;
    if (page === MAX_PAGES - 1) throw tooManyPages(path);
  }
  return all;
}

/** Actions style: page/per_page → {[key], total, per_page}; include_totals is rejected there. */
export function listPaged<T>(getPage: GetPage, path: string, key: string, query: Query = {}): Promise<T[]> {
  return listPageByPage<T>(getPage, path, key, query, 'per_page');
}

/** Numbered pages until the reported total, or a short or empty page, says the list is done. */
async function listPageByPage<T>(
  getPage: GetPage,
  path: string,
  key: string,
  query: Query,
  pageSizeField: 'limit' | 'per_page',
): Promise<T[]> {
  const all: T[] = [];
  let total: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const reply = await getPage(path, { ...query, page, per_page: PAGE_SIZE }).catch((error: unknown) => {
      throw isOffsetDepthRefusal(error) ? offsetDepthExceeded(path, all.length, total, error) : error;
    });
    const items = Array.isArray(reply) ? (reply as T[]) : itemsOf<T>(reply, key, path);
    all.push(...items);
    total = Array.isArray(reply) ? undefined : numberField(reply, 'total');
    if (items.length === 0) {
      if (total !== undefined && all.length < total)
        throw new IncompleteListError(
          `GET ${path}: the API reports ${total} items but its pages ended after ${all.length}`,
        );
      return all;
    }
    const pageSize = (Array.isArray(reply) ? undefined : numberField(reply, pageSizeField)) || PAGE_SIZE;
    if (total !== undefined ? all.length >= total : items.length < pageSize) return all;
  }
  throw tooManyPages(path);
}

/** The API's 400 for an offset page past the records it lets offset paging reach (1,000). */
function isOffsetDepthRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 400 && error.errorCode === 'invalid_paging';
}

function offsetDepthExceeded(path: string, read: number, total: number | undefined, cause: ApiError) {
  const of = total === undefined ? '' : ` of ${total}`;
  return new IncompleteListError(
    `GET ${path}: the API pages this list by offset only and refuses pages past the first ${read}${of} ` +
      `items (${cause.message}); the rest cannot be read, so no plan is made from part of the list`,
    { cause },
  );
}

function tooManyPages(path: string) {
  return new IncompleteListError(
    `GET ${path}: still more after ${MAX_PAGES} pages; giving up rather than truncating`,
  );
}

function itemsOf<T>(reply: unknown, key: string, path: string): T[] {
  if (isRecord(reply) && Array.isArray(reply[key])) return reply[key] as T[];
  // An empty body or {} on an empty list is harmless; anything else is a shape we do not know.
  if (reply === undefined || (isRecord(reply) && Object.keys(reply).length === 0)) return [];
  throw new Error(`GET ${path}: expected a reply with a "${key}" array`);
}

function numberField(reply: unknown, field: string): number | undefined {
  return isRecord(reply) && typeof reply[field] === 'number' ? reply[field] : undefined;
}
