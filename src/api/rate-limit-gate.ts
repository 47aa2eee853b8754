// One gate in front of every Management API request. Auth0 meters a tenant with a token bucket
// and says how full it is on every response; the gate uses that to keep the bucket busy without
// draining it (pacing), and when a 429 happens anyway it holds back *every* request until the
// bucket refills, so a burst of concurrent callers does not turn into a storm of 429s.
//
// The gate is pure bookkeeping over an injected clock: no timers of its own, no I/O.

import { RateLimitWaitExceededError } from './api-error.ts';
import { type Clock, systemClock } from './clock.ts';
import { type HeaderSource, readRateLimitHeaders } from './rate-limit-headers.ts';

export type RateLimitEvent = {
  type: 'rate-limit-wait';
  /** How long requests are about to be held back. */
  ms: number;
  /** 'rate-limited' after a 429; 'pacing' when spreading the last tokens until the reset. */
  reason: 'rate-limited' | 'pacing';
};

export interface RateLimitGateOptions {
  clock?: Clock;
  /**
   * Total time the gate may hold requests back after 429s before giving up. Default 5 minutes.
   * Pacing does not count: a paced request is progress, a 429 pause is not.
   */
  maxWaitMs?: number;
  /** Cap on one pause, against a reset far in the future (clock skew). Default 60 s. */
  maxPauseMs?: number;
  /** Random extra pause after a 429, 0..jitterMs, so callers do not return in lockstep. Default 250 ms. */
  jitterMs?: number;
  /** Pacing starts when the remaining tokens fall to this share of the limit (at least 1). Default 0.2. */
  lowRemainingRatio?: number;
  /** Used after a 429 without reset or Retry-After headers. Default 1 s. */
  fallbackPauseMs?: number;
  random?: () => number;
  onEvent?: (event: RateLimitEvent) => void;
}

/** What a finished request tells the gate; undefined when no response arrived (network error). */
export interface GateOutcome {
  status: number;
  headers: HeaderSource;
}

export class RateLimitGate {
  private readonly clock: Clock;
  private readonly maxWaitMs: number;
  private readonly maxPauseMs: number;
  private readonly jitterMs: number;
  private readonly lowRemainingRatio: number;
  private readonly fallbackPauseMs: number;
  private readonly random: () => number;
  private readonly onEvent?: (event: RateLimitEvent) => void;

  private inFlight = 0;
  // Tokens we believe are left before resetAtMs. Undefined: the server does not meter us (no
  // headers seen). It starts at 1 so the first request goes alone and learns the bucket's state
  // before a batch of concurrent callers spends tokens it does not know it has.
  private budget: number | undefined = 1;
  private resetAtMs: number | undefined;
  private limit: number | undefined;
  private pausedUntil = 0;
  private nextSlotAt = 0;
  private coveredUntil = 0;
  private waited = 0;
  private waitedRateLimited = 0;
  private waiters: Array<() => void> = [];
  // Send order: how many requests were let through, the tickets of those still in flight, and
  // the ticket of the one whose headers the budget was last read from. Replies come back out of
  // order (latency varies); a reply to an older request carries an older, higher `remaining`,
  // and applied last it would hand out tokens the server no longer has (a volley of 429s).
  private issued = 0;
  private readonly inFlightTickets = new Set<number>();
  private newestReading = -1;

  constructor(options: RateLimitGateOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxWaitMs = options.maxWaitMs ?? 5 * 60_000;
    this.maxPauseMs = options.maxPauseMs ?? 60_000;
    this.jitterMs = options.jitterMs ?? 250;
    this.lowRemainingRatio = options.lowRemainingRatio ?? 0.2;
    this.fallbackPauseMs = options.fallbackPauseMs ?? 1000;
    this.random = options.random ?? Math.random;
    this.onEvent = options.onEvent;
  }

  /** Total wall-clock time during which the gate held requests back, in ms. */
  get waitedMs(): number {
    return this.waited;
  }

  /**
   * Resolves when a request may be sent, with a ticket (its place in send order) for release.
   * Every acquire must be followed by exactly one release.
   */
  async acquire(): Promise<number> {
    for (;;) {
      const now = this.clock.now();
      this.refillIfReset(now);
      const until = this.earliestStart(now);
      if (until === 'after-a-response') {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        continue;
      }
      if (until <= now) {
        this.reserve(now);
        const ticket = this.issued++;
        this.inFlightTickets.add(ticket);
        return ticket;
      }
      this.accountWait(now, until);
      await this.clock.sleep(until - now);
    }
  }

  /** Feed back what the request got: its status and rate-limit headers, with its acquire's ticket. */
  release(outcome?: GateOutcome, ticket?: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (ticket !== undefined) this.inFlightTickets.delete(ticket);
    if (outcome) {
      // A request sent after this one has already reported the bucket: this view is older.
      const stale = ticket !== undefined && ticket < this.newestReading;
      if (!stale && ticket !== undefined) this.newestReading = ticket;
      // Requests sent before this one reached the server before it: its `remaining` counts them.
      // Those sent after it may not be counted yet. Without a ticket, assume none is.
      const uncounted =
        ticket === undefined ? this.inFlight : [...this.inFlightTickets].filter((t) => t > ticket).length;
      this.observe(outcome, stale, uncounted);
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private observe({ status, headers }: GateOutcome, stale: boolean, uncounted: number): void {
    const now = this.clock.now();
    const reading = readRateLimitHeaders(headers, now);
    if (reading.limit !== undefined) this.limit = reading.limit;
    if (stale) {
      // Never raise the budget from an older view of the bucket; a 429 still pauses below.
    } else if (reading.remaining !== undefined) {
      // Requests still in flight that this response does not account for yet will spend tokens.
      this.budget = Math.max(0, reading.remaining - uncounted);
      // A reset already reached means tokens arrive within the second (reset is whole seconds);
      // one far away (a skewed clock) is capped like a pause.
      this.resetAtMs =
        reading.resetAtMs !== undefined && reading.resetAtMs > now
          ? Math.min(reading.resetAtMs, now + this.maxPauseMs)
          : now + 1000;
    } else if (status < 400 && reading.resetAtMs === undefined) {
      // A success without rate-limit headers: not metered. (An error page from a proxy proves nothing.)
      this.budget = undefined;
      this.resetAtMs = undefined;
    }

    if (status === 429) {
      const refillAt =
        reading.retryAfterMs !== undefined
          ? now + reading.retryAfterMs
          : reading.resetAtMs !== undefined && reading.resetAtMs > now
            ? reading.resetAtMs
            : now + this.fallbackPauseMs;
      const pauseEnd = Math.min(refillAt, now + this.maxPauseMs) + this.random() * this.jitterMs;
      this.pausedUntil = Math.max(this.pausedUntil, pauseEnd);
      this.budget = 0;
      this.resetAtMs = this.pausedUntil;
    }
  }

  private refillIfReset(now: number): void {
    if (this.resetAtMs === undefined || now < this.resetAtMs) return;
    // Tokens were added, but we do not know how many: at least one, and the reply tells the rest.
    this.resetAtMs = undefined;
    if (this.budget !== undefined) this.budget = Math.max(this.budget, 1);
  }

  private earliestStart(now: number): number | 'after-a-response' {
    let until = Math.max(now, this.pausedUntil, this.nextSlotAt);
    if (this.budget !== undefined && this.budget <= 0) {
      if (this.resetAtMs !== undefined) until = Math.max(until, this.resetAtMs);
      else if (this.inFlight > 0) return 'after-a-response';
    }
    return until;
  }

  private reserve(now: number): void {
    this.inFlight += 1;
    if (this.budget === undefined) return;
    this.budget = Math.max(0, this.budget - 1);
    const low = Math.max(1, Math.floor((this.limit ?? 0) * this.lowRemainingRatio));
    if (this.budget <= low && this.resetAtMs !== undefined && this.resetAtMs > now) {
      // Spread what is left evenly until the reset rather than spending it all at once.
      this.nextSlotAt = now + (this.resetAtMs - now) / (this.budget + 1);
    }
  }

  private accountWait(now: number, until: number): void {
    const fresh = until - Math.max(now, this.coveredUntil);
    if (fresh <= 0) return; // another caller already waits for this span
    const reason = until === this.pausedUntil ? 'rate-limited' : 'pacing';
    if (reason === 'rate-limited' && this.waitedRateLimited + fresh > this.maxWaitMs) {
      throw new RateLimitWaitExceededError(this.waitedRateLimited, this.maxWaitMs);
    }
    this.waited += fresh;
    if (reason === 'rate-limited') this.waitedRateLimited += fresh;
    this.coveredUntil = until;
    this.onEvent?.({ type: 'rate-limit-wait', ms: until - now, reason });
  }
}
