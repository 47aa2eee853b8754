// The Management API client every adapter uses: an openapi-fetch client typed from the API
// document, whose fetch is the request pipeline (token, shared rate-limit gate, retries).

import createClient, { type Client } from 'openapi-fetch';
import { ApiError } from './api-error.ts';
import { type Clock, systemClock } from './clock.ts';
import { parseAuth0Domain } from './domain.ts';
import { type GetPage, listCheckpoint, listOffset, listPaged, type Query } from './pagination.ts';
import { type RateLimitEvent, RateLimitGate, type RateLimitGateOptions } from './rate-limit-gate.ts';
import {
  type CallSite,
  createRequestPipeline,
  type RequestCounters,
  type RetryEvent,
} from './request-pipeline.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry.ts';
// The only import of the generated path types (openapi-typescript output of the API document).
import type { paths } from './schema.ts';
import { ClientCredentialsTokenSource, StaticTokenSource, type TokenSource } from './token-source.ts';

export { ApiError, ApiNetworkError, RateLimitWaitExceededError } from './api-error.ts';
export { TokenRequestError } from './token-source.ts';
export type { paths };

export interface ClientStats extends RequestCounters {
  /** Total wall-clock time the rate-limit gate held requests back, in ms. */
  waitedMs: number;
}

export type ClientEvent = RateLimitEvent | RetryEvent;

export interface ManagementClient {
  /** openapi-fetch client; every call goes through the gate, the token and retries. */
  http: Client<paths>;
  /** Throws ApiError for a non-2xx result, returns data otherwise. */
  unwrap<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T>;
  /** page/per_page=100/include_totals=true → {start,limit,total,[key]}; also accepts a bare array reply. */
  listOffset<T>(path: string, key: string, query?: Query): Promise<T[]>;
  /** from/take=100 → {[key], next?}. */
  listCheckpoint<T>(path: string, key: string, query?: Query): Promise<T[]>;
  /** Actions style: page/per_page → {[key], total, per_page}; no include_totals. */
  listPaged<T>(path: string, key: string, query?: Query): Promise<T[]>;
  /** azp/sub of the token, or the client id used. */
  deployerClientId(): Promise<string | undefined>;
  /**
   * A create (not repeated by the pipeline, as it could duplicate) whose failed attempt
   * `attempt` the caller has checked left no object behind: whether to send it again, within
   * the run's retry budget and the per-request attempt limit; waits the backoff first.
   */
  repeatChecked(site: CallSite, attempt: number, reason: string): Promise<boolean>;
  stats(): ClientStats;
}

export interface ManagementClientOptions {
  /** A tenant host (my-tenant.eu.auth0.com) or a full URL (http://127.0.0.1:4010). */
  domain: string;
  /** A ready bearer token; otherwise clientId and clientSecret are exchanged for one. */
  token?: string;
  clientId?: string;
  clientSecret?: string;
  /** Total time the gate may hold requests back after 429s before failing. Default 5 minutes. Pacing does not count. */
  maxWaitMs?: number;
  /** Finer gate tuning (jitter, pacing threshold, pause cap). */
  rateLimit?: Omit<RateLimitGateOptions, 'clock' | 'onEvent' | 'maxWaitMs'>;
  retry?: Partial<RetryPolicy>;
  /** Refresh client-credential tokens this long before expiry. */
  tokenRefreshMarginMs?: number;
  /** Progress for UIs: rate-limit waits and retries. */
  onEvent?: (event: ClientEvent) => void;
  clock?: Clock;
  /** The transport underneath; defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  userAgent?: string;
}

export function createManagementClient(options: ManagementClientOptions): ManagementClient {
  const endpoints = parseAuth0Domain(options.domain);
  const clock = options.clock ?? systemClock;
  const transport = options.fetch ?? globalThis.fetch;
  const tokens = tokenSourceFor(options, endpoints, clock, transport);
  const gate = new RateLimitGate({
    ...options.rateLimit,
    clock,
    maxWaitMs: options.maxWaitMs,
    onEvent: options.onEvent,
  });
  const counters: RequestCounters = { requests: 0, retries: 0, rateLimited: 0 };
  const pipeline = createRequestPipeline({
    apiBaseUrl: endpoints.apiBaseUrl,
    gate,
    tokens,
    retry: { ...defaultRetryPolicy, ...options.retry },
    clock,
    fetch: transport,
    counters,
    userAgent: options.userAgent ?? 'tenantform',
    onRetry: options.onEvent,
  });
  const http = createClient<paths>({ baseUrl: endpoints.apiBaseUrl, fetch: pipeline.fetch });

  async function unwrap<T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    const { data, error, response } = await result;
    if (!response.ok) {
      const site = pipeline.callSiteOf(response) ?? {
        method: 'HTTP',
        path: new URL(response.url || 'x:/').pathname,
      };
      throw new ApiError({ status: response.status, method: site.method, path: site.path, body: error });
    }
    return data as T;
  }

  // The list helpers take arbitrary paths, so they call through the untyped face of the same client.
  const untyped = http as unknown as Client<Record<string, Record<'get', unknown>>>;
  const getPage: GetPage = (path, query) =>
    unwrap(
      untyped.GET(path, { params: { query } } as never) as Promise<{ data?: unknown; response: Response }>,
    );

  return {
    http,
    unwrap,
    listOffset: (path, key, query) => listOffset(getPage, path, key, query),
    listCheckpoint: (path, key, query) => listCheckpoint(getPage, path, key, query),
    listPaged: (path, key, query) => listPaged(getPage, path, key, query),
    deployerClientId: () => tokens.clientId(),
    repeatChecked: pipeline.repeatChecked,
    stats: () => ({ ...counters, waitedMs: gate.waitedMs }),
  };
}

/**
 * The client described by AUTH0_DOMAIN and AUTH0_TOKEN, or AUTH0_CLIENT_ID + AUTH0_CLIENT_SECRET.
 * `overrides` carries what does not come from the environment (onEvent, maxWaitMs, …).
 */
export function clientFromEnv(
  env: Record<string, string | undefined> = process.env,
  overrides: Omit<ManagementClientOptions, 'domain' | 'token' | 'clientId' | 'clientSecret'> = {},
): ManagementClient {
  const domain = env.AUTH0_DOMAIN?.trim();
  if (!domain) {
    throw new Error(
      'AUTH0_DOMAIN is not set: a tenant host (my-tenant.eu.auth0.com) or a URL (http://127.0.0.1:4010)',
    );
  }
  const token = env.AUTH0_TOKEN?.trim();
  const clientId = env.AUTH0_CLIENT_ID?.trim();
  const clientSecret = env.AUTH0_CLIENT_SECRET?.trim();
  if (!token && !(clientId && clientSecret)) {
    const missing = clientId ? 'AUTH0_CLIENT_SECRET' : clientSecret ? 'AUTH0_CLIENT_ID' : undefined;
    throw new Error(
      missing
        ? `${missing} is not set: client credentials need both AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET`
        : 'No credentials: set AUTH0_TOKEN, or AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET',
    );
  }
  return createManagementClient({ ...overrides, domain, token, clientId, clientSecret });
}

function tokenSourceFor(
  options: ManagementClientOptions,
  endpoints: { tokenUrl: string; audience: string },
  clock: Clock,
  transport: typeof globalThis.fetch,
): TokenSource {
  if (options.token) return new StaticTokenSource(options.token);
  if (options.clientId && options.clientSecret) {
    return new ClientCredentialsTokenSource({
      tokenUrl: endpoints.tokenUrl,
      audience: endpoints.audience,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      clock,
      fetch: transport,
      refreshMarginMs: options.tokenRefreshMarginMs,
    });
  }
  throw new Error('Management client needs a token, or a client id and client secret');
}
