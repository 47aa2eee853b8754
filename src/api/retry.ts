// Which failed attempts are worth repeating, and how long to back off before the next one.
//
// GET, PUT, PATCH and DELETE are repeated after network errors, 408, 429 and 5xx: tenantform
// always sends absolute values, so repeating one of them cannot change the outcome. A POST is
// repeated only after a 429, where the server refused it before doing anything; after a network
// error or a 5xx the object may exist already, and the caller recovers by finding it by its
// natural key instead of risking a duplicate.

export interface RetryPolicy {
  /** Attempts in total for network errors, 408 and 5xx (the first try included). Default 4. */
  maxAttempts: number;
  /** Attempts in total for 429s; the rate-limit gate does the waiting, this only bounds it. Default 12. */
  maxRateLimitedAttempts: number;
  /** First backoff, doubled per attempt. Default 300 ms. */
  baseDelayMs: number;
  /** Cap on one backoff. Default 10 s. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  maxRateLimitedAttempts: 12,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/** A failed attempt: an HTTP status, or 'network' when no response arrived. */
export type AttemptFailure = number | 'network';

export function isRetryable(method: string, failure: AttemptFailure): boolean {
  if (failure === 429) return true;
  if (!IDEMPOTENT_METHODS.has(method.toUpperCase())) return false;
  return failure === 'network' || failure === 408 || failure >= 500;
}

/** Whether attempt number `attempt` (1-based, just failed) may be followed by another. */
export function hasAttemptsLeft(policy: RetryPolicy, failure: AttemptFailure, attempt: number): boolean {
  const limit = failure === 429 ? policy.maxRateLimitedAttempts : policy.maxAttempts;
  return attempt < limit;
}

/**
 * Backoff before the attempt after `attempt` (1-based): exponential with "equal jitter", so the
 * delay never collapses to zero but concurrent callers still spread out.
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
