// Where the bearer token comes from: a fixed AUTH0_TOKEN, or client credentials exchanged at
// /oauth/token. Client-credential tokens are cached, refreshed shortly before they expire, and
// fetched once for all concurrent callers. The client secret never appears in any message.

import { describeCause, isRecord } from './api-error.ts';
import { type Clock, systemClock } from './clock.ts';
import { readRateLimitHeaders } from './rate-limit-headers.ts';
import { backoffDelayMs, defaultRetryPolicy } from './retry.ts';

const MAX_TOKEN_RETRY_WAIT_MS = 10_000;

export interface TokenSource {
  /** A valid bearer token. */
  get(): Promise<string>;
  /** The server rejected `token`: drop it so the next get() fetches a new one. False when it cannot refresh. */
  invalidate(token: string): boolean;
  /** The client id the token was issued to, if it can be told. */
  clientId(): Promise<string | undefined>;
}

export class StaticTokenSource implements TokenSource {
  constructor(private readonly token: string) {}
  async get(): Promise<string> {
    return this.token;
  }
  invalidate(): boolean {
    return false;
  }
  async clientId(): Promise<string | undefined> {
    return clientIdFromJwt(this.token);
  }
}

export interface ClientCredentials {
  tokenUrl: string;
  audience: string;
  clientId: string;
  clientSecret: string;
  clock?: Clock;
  fetch?: typeof globalThis.fetch;
  /** Refresh this long before expiry; default min(60 s, a tenth of the lifetime). */
  refreshMarginMs?: number;
}

export class TokenRequestError extends Error {
  override readonly name = 'TokenRequestError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class ClientCredentialsTokenSource implements TokenSource {
  private readonly clock: Clock;
  private readonly fetch: typeof globalThis.fetch;
  private cached: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly credentials: ClientCredentials) {
    this.clock = credentials.clock ?? systemClock;
    this.fetch = credentials.fetch ?? globalThis.fetch;
  }

  get(): Promise<string> {
    if (this.cached && this.clock.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    if (!this.pending) {
      this.pending = this.request().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  invalidate(token: string): boolean {
    // Only the first of several concurrent 401s for the same token drops it.
    if (this.cached?.token === token) this.cached = undefined;
    return true;
  }

  async clientId(): Promise<string | undefined> {
    return clientIdFromJwt(await this.get()) ?? this.credentials.clientId;
  }

  // A 429 says when to come back (Retry-After or the bucket's reset); honour it, within reason.
  private delayBeforeRetry(response: Response, attempt: number): number {
    const backoff = backoffDelayMs(defaultRetryPolicy, attempt);
    if (response.status !== 429) return backoff;
    const now = this.clock.now();
    const reading = readRateLimitHeaders(response.headers, now);
    const told =
      reading.retryAfterMs ?? (reading.resetAtMs === undefined ? undefined : reading.resetAtMs - now);
    return Math.min(MAX_TOKEN_RETRY_WAIT_MS, Math.max(backoff, (told ?? 0) + Math.random() * 100));
  }

  private async request(): Promise<string> {
    const { tokenUrl, audience, clientId, clientSecret } = this.credentials;
    const body = JSON.stringify({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      audience,
    });
    // The Authentication API has its own limits, outside the Management API gate; a few quick
    // retries cover a blip without hiding real outages.
    const attempts = 4;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
        });
      } catch (err) {
        if (attempt < attempts) {
          await this.clock.sleep(backoffDelayMs(defaultRetryPolicy, attempt));
          continue;
        }
        throw new TokenRequestError(`Could not reach ${tokenUrl} for a token: ${describeCause(err)}`);
      }
      if ((response.status === 429 || response.status >= 500) && attempt < attempts) {
        await response.body?.cancel();
        await this.clock.sleep(this.delayBeforeRetry(response, attempt));
        continue;
      }
      const text = await response.text();
      const payload = parseJson(text);
      if (!response.ok) throw tokenError(response.status, payload, tokenUrl, clientId);
      const token = typeof payload?.access_token === 'string' ? payload.access_token : undefined;
      if (!token)
        throw new TokenRequestError(`${tokenUrl} answered ${response.status} without an access_token`);
      const lifetimeMs = (typeof payload?.expires_in === 'number' ? payload.expires_in : 86_400) * 1000;
      const margin = this.credentials.refreshMarginMs ?? Math.min(60_000, lifetimeMs / 10);
      this.cached = { token, refreshAt: this.clock.now() + Math.max(0, lifetimeMs - margin) };
      return token;
    }
  }
}

function tokenError(
  status: number,
  payload: Record<string, unknown> | undefined,
  tokenUrl: string,
  clientId: string,
): TokenRequestError {
  const reason = [payload?.error, payload?.error_description ?? payload?.message]
    .filter((part) => typeof part === 'string' && part)
    .join(': ');
  const hint =
    status === 401 || status === 403
      ? ` — check AUTH0_CLIENT_ID (${clientId}) and AUTH0_CLIENT_SECRET, and that the client is authorised for the Management API`
      : '';
  return new TokenRequestError(
    `Token request to ${tokenUrl} failed with ${status}${reason ? ` (${reason})` : ''}${hint}`,
    status,
  );
}

/** azp, else sub without its "@clients" suffix; undefined when the token is not a readable JWT. */
function clientIdFromJwt(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims.azp === 'string' && claims.azp) return claims.azp;
    if (typeof claims.sub === 'string' && claims.sub) return claims.sub.replace(/@clients$/, '');
  } catch {
    // not a JWT we can read; the caller falls back
  }
  return undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
