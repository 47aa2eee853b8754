// The fetch every Management API call goes through, handed to openapi-fetch so typed calls and
// the list helpers share it: bearer token, rate-limit gate, retries, and bookkeeping for errors.

import { ApiNetworkError } from './api-error.ts';
import type { Clock } from './clock.ts';
import type { RateLimitGate } from './rate-limit-gate.ts';
import {
  type AttemptFailure,
  backoffDelayMs,
  hasAttemptsLeft,
  IDEMPOTENT_HEADER,
  isRetryable,
  RetryBudget,
  type RetryPolicy,
} from './retry.ts';
import type { TokenSource } from './token-source.ts';

export interface RequestCounters {
  /** HTTP requests sent to the Management API, retries included. */
  requests: number;
  retries: number;
  /** 429 responses received. */
  rateLimited: number;
}

export type RetryEvent = { type: 'retry'; method: string; path: string; attempt: number; reason: string };

export interface RequestPipelineOptions {
  apiBaseUrl: string;
  gate: RateLimitGate;
  tokens: TokenSource;
  retry: RetryPolicy;
  clock: Clock;
  fetch: typeof globalThis.fetch;
  counters: RequestCounters;
  userAgent?: string;
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

/** Which call produced a response, so an error can name it. */
export interface CallSite {
  method: string;
  path: string;
}

export interface RequestPipeline {
  fetch(request: Request): Promise<Response>;
  callSiteOf(response: Response): CallSite | undefined;
  /**
   * For a request the pipeline does not repeat by itself (a create), after its caller checked
   * that the failed attempt `attempt` (1-based) left nothing behind: whether it may be sent
   * again, within the same per-request limit and run budget as any retry. Waits the backoff
   * first.
   */
  repeatChecked(site: CallSite, attempt: number, reason: string): Promise<boolean>;
}

export function createRequestPipeline(options: RequestPipelineOptions): RequestPipeline {
  const { gate, tokens, retry, clock, counters } = options;
  const random = options.random ?? Math.random;
  const basePath = new URL(options.apiBaseUrl).pathname.replace(/\/+$/, '');
  const callSites = new WeakMap<Response, CallSite>();
  const budget = new RetryBudget(retry);

  function apiPath(url: string): string {
    const parsed = new URL(url);
    const path = parsed.pathname.startsWith(basePath)
      ? parsed.pathname.slice(basePath.length)
      : parsed.pathname;
    return `${path || '/'}${parsed.search}`;
  }

  async function send(input: Request): Promise<Response> {
    const method = input.method.toUpperCase();
    const path = apiPath(input.url);
    // Read the body once: a Request body is a stream and each attempt needs its own copy.
    const body = input.body ? await input.arrayBuffer() : undefined;
    const failures = { errors: 0, rateLimited: 0 };
    const idempotent = input.headers.has(IDEMPOTENT_HEADER);
    let refreshedToken = false;
    budget.recordRequest();

    for (;;) {
      const token = await tokens.get();
      const ticket = await gate.acquire();
      counters.requests += 1;
      let response: Response;
      try {
        response = await options.fetch(attemptRequest(input, method, token, body, options.userAgent));
      } catch (err) {
        gate.release(undefined, ticket);
        if (input.signal.aborted) throw err;
        failures.errors += 1;
        if (await retryAfterFailure(method, path, 'network', failures.errors, idempotent)) continue;
        throw new ApiNetworkError(method, path, err);
      }
      gate.release({ status: response.status, headers: response.headers }, ticket);

      if (response.status === 429) counters.rateLimited += 1;
      if (response.status === 401 && !refreshedToken && tokens.invalidate(token)) {
        // An expired or revoked token: one fresh token, one more try.
        refreshedToken = true;
        await discard(response);
        counters.retries += 1;
        options.onRetry?.({ type: 'retry', method, path, attempt: 1, reason: '401 token rejected' });
        continue;
      }
      if (!response.ok) {
        const failure: AttemptFailure = response.status;
        const count = failure === 429 ? ++failures.rateLimited : ++failures.errors;
        // After a 429 the gate already holds every request until the bucket refills.
        const minDelay = failure === 429 ? 0 : retryAfterMs(response.headers.get('retry-after'));
        if (
          await retryAfterFailure(method, path, failure, count, idempotent, minDelay, () => discard(response))
        )
          continue;
      }
      callSites.set(response, { method, path });
      return response;
    }
  }

  async function retryAfterFailure(
    method: string,
    path: string,
    failure: AttemptFailure,
    attempt: number,
    idempotent: boolean,
    minDelayMs?: number,
    beforeRetry?: () => Promise<void>,
  ): Promise<boolean> {
    if (!isRetryable(method, failure, idempotent) || !hasAttemptsLeft(retry, failure, attempt)) return false;
    if (failure !== 429 && !budget.take()) return false;
    await beforeRetry?.();
    counters.retries += 1;
    options.onRetry?.({ type: 'retry', method, path, attempt, reason: String(failure) });
    const delay =
      minDelayMs === 0
        ? 0
        : Math.min(retry.maxDelayMs, Math.max(minDelayMs ?? 0, backoffDelayMs(retry, attempt, random)));
    if (delay > 0) await clock.sleep(delay);
    return true;
  }

  async function repeatChecked(site: CallSite, attempt: number, reason: string): Promise<boolean> {
    if (attempt >= retry.maxAttempts || !budget.take()) return false;
    counters.retries += 1;
    options.onRetry?.({ type: 'retry', method: site.method, path: site.path, attempt, reason });
    await clock.sleep(backoffDelayMs(retry, attempt, random));
    return true;
  }

  return { fetch: send, callSiteOf: (response) => callSites.get(response), repeatChecked };
}

function attemptRequest(
  input: Request,
  method: string,
  token: string,
  body: ArrayBuffer | undefined,
  userAgent: string | undefined,
): Request {
  const headers = new Headers(input.headers);
  headers.delete(IDEMPOTENT_HEADER);
  headers.set('authorization', `Bearer ${token}`);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if (userAgent) headers.set('user-agent', userAgent);
  return new Request(input.url, { method, headers, body, signal: input.signal, redirect: input.redirect });
}

function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

async function discard(response: Response): Promise<void> {
  // Reading to the end lets the connection be reused.
  await response.arrayBuffer().catch(() => undefined);
}
