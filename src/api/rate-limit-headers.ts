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
  if (reset !== undefined) reading.resetAtMs = reset * 1000;
  const retryAfter = parseRetryAfter(headers.get('retry-after'), nowMs);
  if (retryAfter !== undefined) reading.retryAfterMs = retryAfter;
  return reading;
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
