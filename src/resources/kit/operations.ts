// Calling the operations a spec names. Each name is checked against the API document's
// index when the spec is compiled, and the index decides how a list is paged and where its
// items are: a spec never says it again.

import { IDEMPOTENT_HEADER } from '../../api/retry.ts';
import type { Client } from 'openapi-fetch';
import { ApiError } from '../../api/api-error.ts';
import type { OperationFacts } from '../../api/operation-facts.ts';
import { OPERATIONS } from '../../api/operation-index.ts';
import type { AdapterContext } from '../contract.ts';
import type { OperationName } from './spec.ts';

export type PathParams = Readonly<Record<string, string>>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BoundOperation {
  name: OperationName;
  method: Method;
  /** The path template (`/clients/{id}`). */
  path: string;
  facts: OperationFacts;
}

/** The operation a spec names, with its facts; throws (at compile time) when the document lacks it. */
export function operation(type: string, name: OperationName): BoundOperation {
  const facts = OPERATIONS[name];
  const [method, path] = name.split(' ') as [Method, string];
  if (!facts || !path) {
    throw new Error(`${type}: the operation '${name}' is not in the API document (schemas/)`);
  }
  return { name, method, path, facts };
}

/** The concrete path: `{param}`s replaced by their (encoded) values. */
export function concretePath(op: BoundOperation, params: PathParams): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${op.name}: no value for the path parameter '${name}'`);
    return encodeURIComponent(value);
  });
}

/** Sends one request and returns the reply's data; throws ApiError for a non-2xx status. */
export async function call<T = unknown>(
  ctx: AdapterContext,
  op: BoundOperation,
  params: PathParams = {},
  body?: unknown,
  query?: Readonly<Record<string, string | number | boolean>>,
  /** The call is safe to repeat (a POST adding a set of items): retried like a PUT. */
  idempotent = false,
): Promise<T> {
  // Specs name operations as data, so they go through the client's untyped face: the same
  // client, token, rate-limit gate and retries as every typed call.
  const http = ctx.api.http as unknown as Client<Record<string, Record<string, unknown>>>;
  const init = {
    params: { path: params, query },
    ...(body !== undefined && { body }),
    ...(idempotent && { headers: { [IDEMPOTENT_HEADER]: '1' } }),
  } as never;
  const send = http[op.method] as (path: string, init: never) => ReturnType<typeof http.GET>;
  return ctx.api.unwrap(send(op.path, init)) as Promise<T>;
}

/**
 * Every item of a list operation, paged the way the document says it pages: checkpoint
 * (`from`/`take`, no limit on depth) where it can, numbered pages otherwise.
 */
export async function listAll<T = Record<string, unknown>>(
  ctx: AdapterContext,
  op: BoundOperation,
  params: PathParams = {},
  query: Readonly<Record<string, string | number | boolean>> = {},
): Promise<T[]> {
  const path = concretePath(op, params);
  const { paging, listKey } = op.facts;
  if (!paging || listKey === undefined) return wholeList<T>(ctx, op, params, query);
  if (paging.styles.includes('checkpoint')) {
    const pageQuery = paging.maxTake === undefined ? query : { take: paging.maxTake, ...query };
    return ctx.api.listCheckpoint<T>(path, listKey, pageQuery);
  }
  if (paging.styles.includes('offset')) {
    return paging.totals
      ? ctx.api.listOffset<T>(path, listKey, query)
      : ctx.api.listPaged<T>(path, listKey, query);
  }
  return wholeList<T>(ctx, op, params, query);
}

/** An unpaged list: a bare array, or a reply holding nothing but one (`{providers: [...]}`). */
async function wholeList<T>(
  ctx: AdapterContext,
  op: BoundOperation,
  params: PathParams,
  query: Readonly<Record<string, string | number | boolean>>,
): Promise<T[]> {
  const reply = await call<unknown>(ctx, op, params, undefined, query);
  if (Array.isArray(reply)) return reply as T[];
  const [only, ...others] = op.facts.responseFields ?? [];
  const items =
    only !== undefined && others.length === 0 ? (reply as Record<string, unknown>)?.[only] : undefined;
  if (Array.isArray(items)) return items as T[];
  throw new Error(`${op.name}: expected a list in the reply`);
}

/** Whether an error is the API saying "no such object". */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
