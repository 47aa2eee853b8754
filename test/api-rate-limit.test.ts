// The shared gate over real HTTP: a 429 burst, and pacing against a real token bucket.
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientEvent, createManagementClient } from '../src/api/client.ts';
import { apiError, type FakeTenant, startFakeTenant } from './api-fake-tenant.ts';

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

const rateHeaders = (limit: number, remaining: number, resetAtMs: number) => ({
  'x-ratelimit-limit': limit,
  'x-ratelimit-remaining': remaining,
  // Fractional seconds keep the test short; Auth0 sends whole seconds.
  'x-ratelimit-reset': (resetAtMs / 1000).toFixed(3),
});

describe('rate limits over HTTP', () => {
  it('a 429 burst holds every concurrent request until the reset, then all succeed', async () => {
    // The first request is told the bucket is full; the next 12 are refused with a reset 300 ms
    // after the first refusal; everything after that is accepted.
    const burst = 12;
    let pauseEnd = 0;
    tenant = await startFakeTenant((req) => {
      const now = Date.now();
      if (req.seq === 0) return { json: { n: 0 }, headers: rateHeaders(100, 99, now + 1000) };
      if (req.seq <= burst) {
        if (pauseEnd === 0) pauseEnd = now + 300;
        return {
          ...apiError(429, 'Global limit has been reached', 'too_many_requests'),
          headers: rateHeaders(100, 0, pauseEnd),
        };
      }
      return { json: { n: req.seq }, headers: rateHeaders(100, 90, now + 1000) };
    });
    const events: ClientEvent[] = [];
    const client = createManagementClient({
      domain: tenant.url,
      token: 't',
      rateLimit: { jitterMs: 20 },
      onEvent: (e) => events.push(e),
    });
    await client.unwrap(client.http.GET('/clients'));
    const results = await Promise.allSettled(
      Array.from({ length: burst }, () => client.unwrap(client.http.GET('/clients'))),
    );

    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    // Each of the 12 was refused once and sent again only after the reset: a request sent during
    // the pause would show up here before pauseEnd, or as an extra request and an extra 429.
    const retried = tenant.seen.filter((r) => r.seq > burst);
    expect(retried).toHaveLength(burst);
    expect(retried.every((r) => r.at >= pauseEnd)).toBe(true);
    expect(tenant.seen).toHaveLength(1 + 2 * burst);
    const stats = client.stats();
    expect(stats).toMatchObject({ requests: 1 + 2 * burst, retries: burst, rateLimited: burst });
    expect(stats.waitedMs).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'rate-limit-wait' && e.reason === 'rate-limited')).toBe(true);
  });

  it('paces requests when the bucket runs low, so a real token bucket never answers 429', async () => {
    // Capacity 4 per 200 ms window, refilled at each window's end.
    const windowMs = 200;
    const capacity = 4;
    let windowEnd = 0;
    let tokens = 0;
    let refusals = 0;
    tenant = await startFakeTenant((req) => {
      const now = Date.now();
      // A few ms of slack: client timers and Date.now() round differently.
      if (now >= windowEnd - 3) {
        windowEnd = now + windowMs;
        tokens = capacity;
      }
      if (tokens === 0) {
        refusals += 1;
        return {
          ...apiError(429, 'Global limit has been reached', 'too_many_requests'),
          headers: rateHeaders(capacity, 0, windowEnd),
        };
      }
      tokens -= 1;
      return { json: { n: req.seq }, headers: rateHeaders(capacity, tokens, windowEnd) };
    });
    const client = createManagementClient({ domain: tenant.url, token: 't', rateLimit: { jitterMs: 5 } });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => client.unwrap(client.http.GET('/roles'))),
    );

    expect(results).toHaveLength(12);
    expect(refusals).toBe(0);
    expect(client.stats()).toMatchObject({ requests: 12, rateLimited: 0, retries: 0 });
    expect(client.stats().waitedMs).toBeGreaterThan(0);
  });

  it('gives up with a clear error when waiting would exceed maxWaitMs', async () => {
    tenant = await startFakeTenant(() => ({
      ...apiError(429, 'Global limit has been reached', 'too_many_requests'),
      headers: { 'retry-after': '0.15' },
    }));
    const client = createManagementClient({
      domain: tenant.url,
      token: 't',
      maxWaitMs: 400,
      rateLimit: { jitterMs: 0 },
    });
    await expect(client.unwrap(client.http.GET('/clients'))).rejects.toThrow(/Rate limit: would wait beyond/);
    expect(client.stats().rateLimited).toBeGreaterThanOrEqual(2);
  });
});
