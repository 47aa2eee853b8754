/** Where the bucket stands after a request, for the `x-ratelimit-*` headers. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix time in seconds when a token is next added. */
  reset: number;
}

/**
 * The tenant's token bucket: `burst` tokens, refilled at `ratePerSecond`. Off (`ratePerSecond`
 * undefined) it still answers headers, with a bucket that never empties.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number | undefined,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  take(): RateLimitState {
    const now = this.now();
    if (this.ratePerSecond === undefined) {
      return { allowed: true, limit: this.burst, remaining: this.burst, reset: Math.ceil(now / 1000) };
    }
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    const allowed = this.tokens >= 1;
    if (allowed) this.tokens -= 1;
    const msToNextToken = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.ratePerSecond) * 1000;
    return {
      allowed,
      limit: this.burst,
      remaining: Math.floor(this.tokens),
      reset: Math.ceil((now + msToNextToken) / 1000),
    };
  }
}
