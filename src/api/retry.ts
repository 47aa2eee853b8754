// Which failed attempts are worth repeating, and how long to back off before the next one.
//
// How many times in all: a budget shared by the whole run, not a fixed count per request. A
// request may be repeated up to `maxAttempts` times while the run's retries stay within
// `retryBudgetBase` plus `retryBudgetRatio` per request sent, so scattered faults (a share of
// requests failing) are ridden out however long the run, while a tenant that fails everything
// exhausts the budget and the run stops instead of repeating every request `maxAttempts` times.
//
// GET, PUT, PATCH and DELETE are repeated after network errors, 408, 429 and 5xx: tenantform
// always sends absolute values, so repeating one of them cannot change the outcome. A POST is
// repeated only after a 429, where the server refused it before doing anything; after a network
// error or a 5xx the object may exist already, and the caller recovers by finding it by its
// natural key instead of risking a duplicate.

export interface RetryPolicy {
  /** Most attempts of one request for network errors, 408 and 5xx (the first try included). Default 12. */
  maxAttempts: number;
  /** Retries the run may make before any request was sent. Default 20. */
  retryBudgetBase: number;
  /** Further retries the run earns per request sent (first attempts). Default 1. */
  retryBudgetRatio: number;
  /** Attempts in total for 429s; the rate-limit gate does the waiting, this only bounds it. Default 12. */
  maxRateLimitedAttempts: number;
  /** First backoff, doubled per attempt. Default 300 ms. */
  baseDelayMs: number;
  /** Cap on one backoff. Default 10 s. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 12,
  retryBudgetBase: 20,
  retryBudgetRatio: 1,
  maxRateLimitedAttempts: 12,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
};

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/**
 * Set by a caller on a POST that is safe to repeat (adding a set of permissions to a role: the
 * second time adds nothing). Read by the request pipeline, never sent.
 */
export const IDEMPOTENT_HEADER = 'x-tenantform-idempotent';

/** A failed attempt: an HTTP status, or 'network' when no response arrived. */
export type AttemptFailure = number | 'network';

export function isRetryable(method: string, failure: AttemptFailure, idempotent = false): boolean {
  if (failure === 429) return true;
  if (!idempotent && !IDEMPOTENT_METHODS.has(method.toUpperCase())) return false;
  return failure === 'network' || failure === 408 || failure >= 500;
}

/** Whether attempt number `attempt` (1-based, just failed) may be followed by another. */
export function hasAttemptsLeft(policy: RetryPolicy, failure: AttemptFailure, attempt: number): boolean {
  const limit = failure === 429 ? policy.maxRateLimitedAttempts : policy.maxAttempts;
  return attempt < limit;
}

/** The run's retries for errors (429s are the rate-limit gate's, and not counted here). */
export class RetryBudget {
  private sent = 0;
  private spent = 0;

  constructor(private readonly policy: Pick<RetryPolicy, 'retryBudgetBase' | 'retryBudgetRatio'>) {}

  /** A request's first attempt. */
  recordRequest(): void {
    this.sent += 1;
  }

  /** Takes one retry if the run has one left. */
  take(): boolean {
    if (this.spent >= this.policy.retryBudgetBase + this.policy.retryBudgetRatio * this.sent) return false;
    this.spent += 1;
    return true;
  }
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
