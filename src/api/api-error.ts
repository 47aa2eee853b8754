// The one error type callers see for a refused API call. Adapters branch on status and errorCode
// (409 conflict, 404 already gone), so both are first-class fields rather than parsed from text.

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly errorCode?: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  /** What the request was about, when the caller said ("reading clients"). */
  readonly about?: string;

  constructor(init: { status: number; method: string; path: string; body: unknown; about?: string }) {
    const record = isRecord(init.body) ? init.body : undefined;
    const apiMessage =
      typeof record?.message === 'string'
        ? record.message
        : typeof record?.error_description === 'string'
          ? record.error_description
          : typeof init.body === 'string' && init.body.trim()
            ? init.body.trim().slice(0, 500)
            : `HTTP ${init.status}`;
    // The message is the API's own words, so callers can match on it; summary adds the call.
    super(apiMessage);
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.body = init.body;
    if (init.about) this.about = init.about;
    if (typeof record?.errorCode === 'string') this.errorCode = record.errorCode;
  }

  /** "PATCH /clients/abc → 400 invalid_body: Payload validation error: …" for logs and CLI output. */
  get summary(): string {
    const code = this.errorCode ? ` ${this.errorCode}` : '';
    const about = this.about ? ` (${this.about})` : '';
    return `${this.method} ${this.path}${about} → ${this.status}${code}: ${this.message}`;
  }

  /** The same error, saying what the request was about. */
  concerning(about: string): ApiError {
    const { status, method, path, body } = this;
    return new ApiError({ status, method, path, body, about });
  }
}

/** The gate gave up: the tenant kept us waiting longer than maxWaitMs in total. */
export class RateLimitWaitExceededError extends Error {
  override readonly name = 'RateLimitWaitExceededError';
  constructor(
    readonly waitedMs: number,
    readonly maxWaitMs: number,
  ) {
    super(
      `Rate limit: would wait beyond the ${Math.round(maxWaitMs / 1000)} s budget ` +
        `(already waited ${Math.round(waitedMs / 1000)} s); retry later or raise maxWaitMs`,
    );
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** No response arrived. For a POST the object may or may not exist now: find it by its natural key. */
export class ApiNetworkError extends Error {
  override readonly name = 'ApiNetworkError';
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`${method} ${path}: no response (${describeCause(cause)})`, { cause });
  }
}

/** A failed fetch's message with its cause's: undici says "fetch failed", the cause says why. */
export function describeCause(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
}
