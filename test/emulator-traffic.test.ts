import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator/index.ts';
import { FaultInjector } from '../src/emulator/traffic/faults.ts';
import { RateLimiter } from '../src/emulator/traffic/rate-limiter.ts';
import { seededRandom } from '../src/emulator/state/random.ts';
import { startWithCaller } from './fixtures/emulator/harness.ts';

describe('rate limits', () => {
  it('sends x-ratelimit headers and answers 429 with the API body when the bucket is empty', async () => {
    const api = await startWithCaller({ rateLimit: 1, burst: 3 });
    try {
      // Concurrent, so the bucket cannot refill between them however slow the machine is.
      const responses = await Promise.all(Array.from({ length: 8 }, () => api.call('GET', '/roles')));
      const limited = responses.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(4);
      const last = limited[limited.length - 1];
      expect(last.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Global limit has been reached',
        errorCode: 'too_many_requests',
      });
      expect(last.headers.get('x-ratelimit-limit')).toBe('3');
      expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(last.headers.get('x-ratelimit-reset'));
      const now = Date.now() / 1000;
      expect(reset).toBeGreaterThanOrEqual(Math.floor(now));
      expect(reset).toBeLessThanOrEqual(Math.ceil(now) + 2);
      for (const response of responses) expect(response.headers.get('x-ratelimit-remaining')).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await api.call('GET', '/roles')).status).toBe(200);
    } finally {
      await api.emulator.close();
    }
  });

  it('refills the bucket at the configured rate', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 2, () => now);
    expect([limiter.take().allowed, limiter.take().allowed, limiter.take().allowed]).toEqual([
      true,
      true,
      false,
    ]);
    now += 100;
    expect(limiter.take().allowed).toBe(true);
    expect(limiter.take().allowed).toBe(false);
  });
});

describe('faults', () => {
  it('fails the configured share of requests, reproducibly with a seed', () => {
    const count = (seed: number) => {
      const faults = new FaultInjector(0.2, 0, seededRandom(seed));
      return Array.from({ length: 5000 }, () => faults.next().kind).filter((k) => k !== 'none').length;
    };
    expect(count(7) / 5000).toBeGreaterThan(0.18);
    expect(count(7) / 5000).toBeLessThan(0.22);
    expect(count(7)).toBe(count(7));
  });

  it('answers 500/503 or drops the connection for --fault-rate of API requests', async () => {
    const api = await startWithCaller({ faultRate: 0.25, seed: 42 });
    try {
      let failures = 0;
      const total = 240;
      const kinds = new Set<string>();
      for (let i = 0; i < total; i++) {
        try {
          const response = await api.call('GET', '/roles');
          if (response.status >= 500) {
            failures++;
            kinds.add(String(response.status));
          }
        } catch {
          failures++;
          kinds.add('dropped');
        }
      }
      expect(failures / total).toBeGreaterThan(0.18);
      expect(failures / total).toBeLessThan(0.32);
      expect(kinds).toEqual(new Set(['500', '503', 'dropped']));
    } finally {
      await api.emulator.close();
    }
  });

  it('adds latency with jitter', async () => {
    const api = await startWithCaller({ latencyMs: 40, seed: 1 });
    try {
      const started = performance.now();
      for (let i = 0; i < 5; i++) await api.call('GET', '/roles');
      const average = (performance.now() - started) / 5;
      expect(average).toBeGreaterThanOrEqual(20);
      expect(average).toBeLessThan(200);
    } finally {
      await api.emulator.close();
    }
  });
});

describe('persistence', () => {
  it('applies --client-id/--client-secret to the deployer of a fresh or loaded tenant', async () => {
    const emulator = await startEmulator({ clientId: 'deployer-id', clientSecret: 'deployer-secret' });
    try {
      expect(emulator.credentials).toMatchObject({
        clientId: 'deployer-id',
        clientSecret: 'deployer-secret',
      });
    } finally {
      await emulator.close();
    }
  });
});
