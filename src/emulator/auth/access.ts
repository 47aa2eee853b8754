import { ApiError } from '../http/api-error.ts';
import type { Operation } from '../openapi/document.ts';
import { type AccessTokenClaims, verifyJwt } from './jwt.ts';

const unauthorized = (message: string) => new ApiError(401, message);

/** What a Management API token must match besides its signature. */
export interface TokenPolicy {
  secret: string;
  /** The audiences that name this Management API (see managementApiAudiences). */
  audiences: ReadonlySet<string>;
  /** Whether the client a token was issued to still exists. */
  clientExists: (clientId: string) => boolean;
  nowSeconds: number;
}

/**
 * The Management API's bearer check, with the real API's 401s: a missing header, a token that
 * is not ours (signature, `alg`), expired, for another audience (`Bad audience: …`), or for a
 * client that no longer exists.
 */
export function authenticate(authorization: string | undefined, policy: TokenPolicy): AccessTokenClaims {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('Missing authentication');
  const claims = verifiedClaims(match[1], policy.secret, policy.nowSeconds);
  if (!policy.audiences.has(claims.aud)) throw unauthorized(`Bad audience: ${String(claims.aud)}`);
  if (
    typeof claims.azp !== 'string' ||
    claims.sub !== `${claims.azp}@clients` ||
    !policy.clientExists(claims.azp)
  )
    throw unauthorized('Invalid token');
  return claims;
}

function verifiedClaims(token: string, secret: string, nowSeconds: number): AccessTokenClaims {
  const cacheKey = `${secret}\n${token}`;
  const known = verified.get(cacheKey);
  if (known && known.exp > nowSeconds) return known;
  const check = verifyJwt(token, secret, nowSeconds);
  if (check.ok) {
    if (verified.size >= CACHE_LIMIT) verified.clear();
    verified.set(cacheKey, check.claims);
    return check.claims;
  }
  throw unauthorized(
    check.reason === 'expired' ? 'Expired token received for JSON Web Token validation' : 'Invalid token',
  );
}

/**
 * The audiences that name this emulator's Management API for a request that arrived with the
 * given Host header: its identifier (`https://127.0.0.1:PORT/api/v2/`), and the API at the
 * address the client used, as it would spell it (`http://emulator:4010/api/v2/` behind a port
 * mapping or a proxy; `http:` only when the emulator serves plain http, where tenantform
 * derives the audience from the URL it calls). As with Auth0, a token asked for at one address
 * is refused at another. Memoised per host.
 */
export function managementApiAudiences(
  domain: string,
  tls: boolean,
): (host: string | undefined) => ReadonlySet<string> {
  const identifier = `https://${domain}/api/v2/`;
  const byHost = new Map<string, ReadonlySet<string>>();
  const canonical: ReadonlySet<string> = new Set([identifier]);
  return (host) => {
    if (!host) return canonical;
    let audiences = byHost.get(host);
    if (!audiences) {
      audiences = new Set([
        identifier,
        `https://${host}/api/v2/`,
        ...(tls ? [] : [`http://${host}/api/v2/`]),
      ]);
      if (byHost.size >= CACHE_LIMIT) byHost.clear();
      byHost.set(host, audiences);
    }
    return audiences;
  };
}
// Tokens are few and reused for thousands of requests: verify and split each one once.
const verified = new Map<string, AccessTokenClaims>();
const scopeSets = new Map<string, Set<string>>();
const CACHE_LIMIT = 1000;

function grantedScopes(scope: string): Set<string> {
  let granted = scopeSets.get(scope);
  if (!granted) {
    if (scopeSets.size >= CACHE_LIMIT) scopeSets.clear();
    granted = new Set(scope.split(' '));
    scopeSets.set(scope, granted);
  }
  return granted;
}

/** 403 `insufficient_scope` unless the token holds any of the scopes the operation lists. */
export function authorize(claims: AccessTokenClaims, operation: Operation): void {
  if (operation.scopes.length === 0) return;
  const granted = grantedScopes(claims.scope);
  if (operation.scopes.some((scope) => granted.has(scope))) return;
  throw new ApiError(
    403,
    `Insufficient scope, expected any of: ${operation.scopes.join(',')}`,
    'insufficient_scope',
  );
}

export function hasScope(claims: AccessTokenClaims, scope: string): boolean {
  return grantedScopes(claims.scope).has(scope);
}

/**
 * Scopes that gate fields rather than operations, so no operation's security lists them;
 * the Management API has them all the same.
 */
const FIELD_SCOPES = ['read:client_keys', 'read:connections_options', 'update:connections_options'];

export function managementApiScopes(operationScopes: string[]): string[] {
  return [...new Set([...operationScopes, ...FIELD_SCOPES])].sort();
}
