// Reading Auth0's rate-limit headers. Kept apart from the gate so the gate deals in numbers only.

export interface HeaderSource {
  get(name: string): string | null;
}

export interface RateLimitReading {
  limit?: number;
  remaining?: number;
  /** When the bucket next gains tokens, in epoch ms (x-ratelimit-reset is Unix seconds). */
  resetAtMs?: number;
  /** From Retry-After (seconds or an HTTP date), relative to now. */
  retryAfterMs?: number;
}

export function readRateLimitHeaders(headers: HeaderSource, nowMs: number): RateLimitReading {
  const reading: RateLimitReading = {};
  const limit = parseNumber(headers.get('x-ratelimit-limit'));
  const remaining = parseNumber(headers.get('x-ratelimit-remaining'));
  // Fractional seconds are accepted: Auth0 sends whole seconds, test servers may not.
  const reset = parseNumber(headers.get('x-ratelimit-reset'));
  if (limit !== undefined) reading.limit = limit;
  if (remaining !== undefined) reading.remaining = Math.max(0, Math.floor(remaining));
  if (reset !== undefined) reading.resetAtMs = reset * 1000 - clockSkewMs(headers.get('date'), nowMs);
  const retryAfter = parseRetryAfter(headers.get('retry-after'), nowMs);
  if (retryAfter !== undefined) reading.retryAfterMs = retryAfter;
  return reading;
}

// x-ratelimit-reset is on the server's clock. When ours is clearly off (the Date header has
// whole-second resolution, so small differences are noise), the reset is moved onto our clock;
// otherwise a clock running behind would wait for resets that have long passed.
const SKEW_NOISE_MS = 2000;

function clockSkewMs(date: string | null, nowMs: number): number {
  if (!date) return 0;
  const serverMs = Date.parse(date);
  if (Number.isNaN(serverMs)) return 0;
  const skew = serverMs + 500 - nowMs; // the server's second started somewhere in the last 1000 ms
  return Math.abs(skew) > SKEW_NOISE_MS ? skew : 0;
}

function parseNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
