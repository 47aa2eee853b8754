import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, ApiNetworkError, createManagementClient } from '../src/api/client.ts';
import {
  backoffDelayMs,
  defaultRetryPolicy,
  hasAttemptsLeft,
  isRetryable,
  type RetryPolicy,
} from '../src/api/retry.ts';
import { apiError, type FakeTenant, type Handler, startFakeTenant } from './api-fake-tenant.ts';

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

async function clientFor(handler: Handler) {
  tenant = await startFakeTenant(handler);
  return createManagementClient({
    domain: tenant.url,
    token: 't',
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    rateLimit: { jitterMs: 0 },
  });
}

describe('retry policy', () => {
  it('repeats idempotent methods after network errors, 408, 429 and 5xx', () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      for (const failure of ['network', 408, 429, 500, 502, 503] as const) {
        expect(isRetryable(method, failure), `${method} ${failure}`).toBe(true);
      }
      for (const status of [400, 401, 403, 404, 409]) expect(isRetryable(method, status)).toBe(false);
    }
  });

  it('repeats a POST only after a 429', () => {
    expect(isRetryable('POST', 429)).toBe(true);
    for (const failure of ['network', 408, 500, 503] as const)
      expect(isRetryable('POST', failure)).toBe(false);
  });

  it('bounds attempts and backs off exponentially with jitter', () => {
    expect(hasAttemptsLeft(defaultRetryPolicy, 503, defaultRetryPolicy.maxAttempts - 1)).toBe(true);
    expect(hasAttemptsLeft(defaultRetryPolicy, 503, defaultRetryPolicy.maxAttempts)).toBe(false);
    expect(hasAttemptsLeft(defaultRetryPolicy, 429, 4)).toBe(true);
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(50);
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(400);
    expect(backoffDelayMs(policy, 10, () => 1)).toBe(1000);
  });
});

describe('retries over HTTP', () => {
  it('a GET is repeated after 5xx until it succeeds', async () => {
    const client = await clientFor((req) =>
      req.seq < 2 ? apiError(503, 'Service Unavailable') : { json: [{ name: 'a' }] },
    );
    expect(await client.unwrap(client.http.GET('/clients'))).toEqual([{ name: 'a' }]);
    expect(tenant?.seen).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('a GET that keeps failing stops after the bounded attempts with the last error', async () => {
    const client = await clientFor(() => apiError(500, 'Internal error'));
    const error = await client.unwrap(client.http.GET('/clients')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, method: 'GET', path: '/clients', message: 'Internal error' });
    expect(tenant?.seen).toHaveLength(defaultRetryPolicy.maxAttempts);
  });

  it('a PATCH with a body is repeated with the same body', async () => {
    const client = await clientFor((req) =>
      req.seq === 0 ? apiError(502, 'Bad gateway') : { json: req.body },
    );
    const result = await client.unwrap(
      client.http.PATCH('/clients/{id}', { params: { path: { id: 'abc' } }, body: { description: 'same' } }),
    );
    expect(result).toEqual({ description: 'same' });
    expect(tenant?.seen.map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', '/api/v2/clients/abc', { description: 'same' }],
      ['PATCH', '/api/v2/clients/abc', { description: 'same' }],
    ]);
  });

  it('a POST is never repeated after a 5xx', async () => {
    const client = await clientFor(() => apiError(500, 'Internal error'));
    await expect(client.unwrap(client.http.POST('/roles', { body: { name: 'r' } }))).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(tenant?.seen).toHaveLength(1);
    expect(client.stats().retries).toBe(0);
  });

  it('a POST is repeated after a 429: the server refused it before doing anything', async () => {
    const client = await clientFor((req) =>
      req.seq === 0
        ? { ...apiError(429, 'Global limit has been reached'), headers: { 'retry-after': '0.05' } }
        : { json: { id: 'rol_1' } },
    );
    expect(await client.unwrap(client.http.POST('/roles', { body: { name: 'r' } }))).toEqual({ id: 'rol_1' });
    expect(tenant?.seen).toHaveLength(2);
  });

  it('a GET survives a dropped connection; a POST reports it without repeating', async () => {
    const get = await clientFor((req) => (req.seq === 0 ? { destroy: true } : { json: { ok: true } }));
    expect(await get.unwrap(get.http.GET('/clients'))).toEqual({ ok: true });
    expect(tenant?.seen).toHaveLength(2);
    await tenant?.close();

    const post = await clientFor(() => ({ destroy: true }));
    const error = await post
      .unwrap(post.http.POST('/roles', { body: { name: 'r' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiNetworkError);
    expect((error as ApiNetworkError).message).toMatch(/^POST \/roles: no response/);
    expect(tenant?.seen).toHaveLength(1);
  });
});

describe('the run-wide retry budget', () => {
  async function budgetedClient(handler: Handler, budget: Partial<RetryPolicy>) {
    tenant = await startFakeTenant(handler);
    return createManagementClient({
      domain: tenant.url,
      token: 't',
      retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 10, ...budget },
      rateLimit: { jitterMs: 0 },
    });
  }

  it('rides out scattered faults however long the run: one retry earned per request', async () => {
    // Every request fails its first two attempts: 30 requests, 60 retries, all within budget.
    const attempts = new Map<string, number>();
    const client = await budgetedClient(
      (req) => {
        const n = (attempts.get(req.path) ?? 0) + 1;
        attempts.set(req.path, n);
        return n <= 2 ? apiError(503, 'Service Unavailable') : { json: {} };
      },
      { retryBudgetBase: 30, retryBudgetRatio: 1 },
    );
    for (let i = 0; i < 30; i++) {
      await client.unwrap(client.http.GET('/roles/{id}', { params: { path: { id: `r${i}` } } }));
    }
    expect(client.stats().retries).toBe(60);
  });

  it('stops repeating once a tenant failing everything has used the budget', async () => {
    const client = await budgetedClient(() => apiError(500, 'Internal Server Error'), {
      retryBudgetBase: 3,
      retryBudgetRatio: 0,
    });
    const first = await client.unwrap(client.http.GET('/clients')).catch((e: unknown) => e);
    expect(tenant?.seen).toHaveLength(4);
    const second = await client.unwrap(client.http.GET('/roles')).catch((e: unknown) => e);
    expect(tenant?.seen).toHaveLength(5);
    for (const error of [first, second]) expect(error).toBeInstanceOf(ApiError);
    expect((second as ApiError).summary).toBe('GET /roles → 500: Internal Server Error');
  });

  it('a create checked absent may be sent again within the same per-request limit and run budget', async () => {
    const client = await budgetedClient(() => apiError(500, 'Internal Server Error'), {
      retryBudgetBase: 2,
      retryBudgetRatio: 0,
      maxAttempts: 12,
    });
    const site = { method: 'POST', path: '/roles' };
    // The pipeline itself never repeats the POST; the caller asks, after checking the tenant.
    await client.unwrap(client.http.POST('/roles', { body: { name: 'r' } })).catch(() => undefined);
    expect(tenant?.seen).toHaveLength(1);
    expect(await client.repeatChecked(site, 1, '500')).toBe(true);
    expect(await client.repeatChecked(site, 2, '500')).toBe(true);
    // The run's two retries are spent: a GET is no longer repeated either.
    expect(await client.repeatChecked(site, 3, '500')).toBe(false);
    await client.unwrap(client.http.GET('/roles')).catch(() => undefined);
    expect(tenant?.seen).toHaveLength(2);
    expect(client.stats().retries).toBe(2);
  });

  it('a checked create is repeated at most maxAttempts times, however large the budget', async () => {
    const client = await budgetedClient(() => ({ json: {} }), { retryBudgetBase: 100, maxAttempts: 3 });
    const site = { method: 'POST', path: '/roles' };
    expect(await client.repeatChecked(site, 2, 'network')).toBe(true);
    expect(await client.repeatChecked(site, 3, 'network')).toBe(false);
  });
});
