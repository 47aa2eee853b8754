import { describe, expect, it } from 'vitest';
import { RateLimitWaitExceededError } from '../src/api/api-error.ts';
import type { Clock } from '../src/api/clock.ts';
import { type RateLimitEvent, RateLimitGate } from '../src/api/rate-limit-gate.ts';
import { readRateLimitHeaders } from '../src/api/rate-limit-headers.ts';

/** A clock that only moves when the test says so; sleepers wake in time order. */
class FakeClock implements Clock {
  private time = 1_700_000_000_000;
  private sleepers: Array<{ at: number; wake: () => void }> = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.time + Math.max(0, ms), wake }));
  }
  /** Move time forward, waking sleepers in order and letting their continuations run. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers[0];
      if (!next || next.at > end) break;
      this.sleepers.shift();
      this.time = Math.max(this.time, next.at);
      next.wake();
    }
    this.time = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function headers(values: Record<string, string | number>): { get(name: string): string | null } {
  const map = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), String(v)]));
  return { get: (name) => map.get(name.toLowerCase()) ?? null };
}

/** Starts `n` acquires and records when (fake time) each one got through. */
function acquireMany(gate: RateLimitGate, clock: FakeClock, n: number): number[] {
  const startedAt: number[] = [];
  for (let i = 0; i < n; i++) void gate.acquire().then(() => startedAt.push(clock.now()));
  return startedAt;
}

function newGate(clock: FakeClock, events: RateLimitEvent[] = [], extra = {}): RateLimitGate {
  return new RateLimitGate({ clock, jitterMs: 0, onEvent: (e) => events.push(e), ...extra });
}

describe('RateLimitGate', () => {
  it('lets the first request go alone, then everyone when the server does not meter', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock);
    const started = acquireMany(gate, clock, 5);
    await clock.advance(0);
    expect(started).toHaveLength(1);
    gate.release({ status: 200, headers: headers({}) });
    await clock.advance(0);
    expect(started).toHaveLength(5);
    expect(gate.waitedMs).toBe(0);
  });

  it('spends a plentiful bucket without waiting', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock);
    await gate.acquire();
    const reset = (clock.now() + 1000) / 1000;
    gate.release({
      status: 200,
      headers: headers({ 'x-ratelimit-limit': 50, 'x-ratelimit-remaining': 49, 'x-ratelimit-reset': reset }),
    });
    const started = acquireMany(gate, clock, 20);
    await clock.advance(0);
    expect(started).toHaveLength(20);
  });

  it('after a 429 holds every request until the reset, then resumes', async () => {
    const clock = new FakeClock();
    const events: RateLimitEvent[] = [];
    const gate = newGate(clock, events);
    await gate.acquire();
    const t0 = clock.now();
    gate.release({
      status: 429,
      headers: headers({
        'x-ratelimit-limit': 10,
        'x-ratelimit-remaining': 0,
        'x-ratelimit-reset': (t0 + 2000) / 1000,
      }),
    });
    const started = acquireMany(gate, clock, 4);
    await clock.advance(1999);
    expect(started).toHaveLength(0);
    await clock.advance(1);
    // The first one probes the refilled bucket; the rest follow its answer.
    expect(started).toEqual([t0 + 2000]);
    gate.release({
      status: 200,
      headers: headers({
        'x-ratelimit-limit': 10,
        'x-ratelimit-remaining': 9,
        'x-ratelimit-reset': (t0 + 3000) / 1000,
      }),
    });
    await clock.advance(0);
    expect(started).toHaveLength(4);
    expect(gate.waitedMs).toBe(2000);
    // Concurrent waiters for one pause are one wait, reported once.
    expect(events).toEqual([{ type: 'rate-limit-wait', ms: 2000, reason: 'rate-limited' }]);
  });

  it('prefers Retry-After over the reset time, and adds jitter', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock, [], { jitterMs: 100, random: () => 0.5 });
    await gate.acquire();
    const t0 = clock.now();
    gate.release({
      status: 429,
      headers: headers({
        'retry-after': '3',
        'x-ratelimit-remaining': 0,
        'x-ratelimit-reset': (t0 + 1000) / 1000,
      }),
    });
    const started = acquireMany(gate, clock, 1);
    await clock.advance(3049);
    expect(started).toHaveLength(0);
    await clock.advance(1);
    expect(started).toEqual([t0 + 3050]);
  });

  it('caps one pause at maxPauseMs when the reset is far away', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock, [], { maxPauseMs: 5000 });
    await gate.acquire();
    const t0 = clock.now();
    gate.release({ status: 429, headers: headers({ 'x-ratelimit-reset': (t0 + 3_600_000) / 1000 }) });
    const started = acquireMany(gate, clock, 1);
    await clock.advance(5000);
    expect(started).toEqual([t0 + 5000]);
  });

  it('paces the last tokens until the reset instead of bursting', async () => {
    const clock = new FakeClock();
    const events: RateLimitEvent[] = [];
    const gate = newGate(clock, events);
    await gate.acquire();
    const t0 = clock.now();
    gate.release({
      status: 200,
      headers: headers({
        'x-ratelimit-limit': 10,
        'x-ratelimit-remaining': 2,
        'x-ratelimit-reset': (t0 + 1000) / 1000,
      }),
    });
    const started = acquireMany(gate, clock, 4);
    await clock.advance(0);
    expect(started).toEqual([t0]);
    await clock.advance(500);
    expect(started).toEqual([t0, t0 + 500]);
    await clock.advance(500);
    // At the reset one request learns how many tokens came back; the fourth waits for its answer.
    expect(started).toEqual([t0, t0 + 500, t0 + 1000]);
    gate.release({
      status: 200,
      headers: headers({
        'x-ratelimit-limit': 10,
        'x-ratelimit-remaining': 9,
        'x-ratelimit-reset': (t0 + 2000) / 1000,
      }),
    });
    await clock.advance(0);
    expect(started).toHaveLength(4);
    expect(events.every((e) => e.reason === 'pacing')).toBe(true);
  });

  it('counts requests in flight against the remaining tokens', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock);
    await gate.acquire();
    gate.release({
      status: 200,
      headers: headers({
        'x-ratelimit-limit': 100,
        'x-ratelimit-remaining': 100,
        'x-ratelimit-reset': (clock.now() + 1000) / 1000,
      }),
    });
    acquireMany(gate, clock, 5);
    await clock.advance(0);
    // Five in flight; one finishes and says 5 are left: only 1 of them is really ours to spend.
    gate.release({
      status: 200,
      headers: headers({
        'x-ratelimit-limit': 100,
        'x-ratelimit-remaining': 5,
        'x-ratelimit-reset': (clock.now() + 1000) / 1000,
      }),
    });
    const later = acquireMany(gate, clock, 3);
    await clock.advance(0);
    expect(later).toHaveLength(1);
  });

  it('gives up once the total wait would pass maxWaitMs', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock, [], { maxWaitMs: 1500 });
    await gate.acquire();
    gate.release({ status: 429, headers: headers({ 'retry-after': '1' }) });
    const first = gate.acquire();
    await clock.advance(1000);
    await first;
    gate.release({ status: 429, headers: headers({ 'retry-after': '1' }) });
    await expect(gate.acquire()).rejects.toBeInstanceOf(RateLimitWaitExceededError);
    expect(gate.waitedMs).toBe(1000);
  });

  it('pacing is progress: it is reported in waitedMs but not bounded by maxWaitMs', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock, [], { maxWaitMs: 100 });
    await gate.acquire();
    for (let i = 0; i < 5; i++) {
      const t = clock.now();
      gate.release({
        status: 200,
        headers: headers({
          'x-ratelimit-limit': 10,
          'x-ratelimit-remaining': 0,
          'x-ratelimit-reset': (t + 1000) / 1000,
        }),
      });
      const next = gate.acquire();
      await clock.advance(1000);
      await next;
    }
    expect(gate.waitedMs).toBe(5000);
  });
});

describe('readRateLimitHeaders', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0, 300);

  it('reads limit, remaining, reset (Unix seconds) and Retry-After', () => {
    expect(
      readRateLimitHeaders(
        headers({
          'x-ratelimit-limit': 50,
          'x-ratelimit-remaining': 7,
          'x-ratelimit-reset': now / 1000 + 2,
          'retry-after': '3',
        }),
        now,
      ),
    ).toEqual({ limit: 50, remaining: 7, resetAtMs: now + 2000, retryAfterMs: 3000 });
    expect(
      readRateLimitHeaders(headers({ 'retry-after': new Date(now + 5000).toUTCString() }), now).retryAfterMs,
    ).toBe(4700);
    expect(readRateLimitHeaders(headers({ 'x-ratelimit-remaining': 'n/a' }), now)).toEqual({});
  });

  it('moves the reset onto our clock when the server clock is clearly ahead or behind', () => {
    for (const skew of [60_000, -60_000]) {
      const serverNow = now + skew;
      const reading = readRateLimitHeaders(
        headers({
          'x-ratelimit-reset': Math.floor(serverNow / 1000) + 2,
          date: new Date(serverNow).toUTCString(),
        }),
        now,
      );
      // Two seconds from the server's now is about two seconds from ours (Date has 1 s resolution).
      expect(Math.abs(reading.resetAtMs! - (now + 2000))).toBeLessThanOrEqual(1000);
    }
    const inSync = headers({
      'x-ratelimit-reset': Math.floor(now / 1000) + 2,
      date: new Date(now).toUTCString(),
    });
    expect(readRateLimitHeaders(inSync, now).resetAtMs).toBe((Math.floor(now / 1000) + 2) * 1000);
  });
});

describe('RateLimitGate with replies out of order', () => {
  it('never raises its budget from a reply that is older than one already applied', async () => {
    const clock = new FakeClock();
    const gate = newGate(clock);
    const reset = (clock.now() + 10_000) / 1000;
    const reply = (remaining: number) => ({
      status: 200,
      headers: headers({
        'x-ratelimit-limit': 20,
        'x-ratelimit-remaining': remaining,
        'x-ratelimit-reset': reset,
      }),
    });
    const first = await gate.acquire();
    gate.release(reply(19), first);
    const tickets: number[] = [];
    for (let i = 0; i < 10; i++) tickets.push(await gate.acquire());
    // The newest request's reply (9 left) overtakes an older one's (18 left).
    gate.release(reply(9), tickets[9]);
    gate.release(reply(18), tickets[0]);
    for (const t of tickets.slice(1, 9)) gate.release(reply(10), t);
    const started = acquireMany(gate, clock, 30);
    await clock.advance(9_999);
    // Only the 9 tokens the server reported last can be spent before the reset, not 18.
    expect(started.length).toBeLessThanOrEqual(9);
    expect(started.length).toBeGreaterThan(0);
  });
});
