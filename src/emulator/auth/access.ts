import { ApiError } from '../http/api-error.ts';
import type { Operation } from '../openapi/document.ts';
import { type AccessTokenClaims, verifyJwt } from './jwt.ts';

const unauthorized = (message: string) => new ApiError(401, message);

/** The Management API's bearer check: 401 for a missing, invalid or expired token. */
export function authenticate(
  authorization: string | undefined,
  secret: string,
  nowSeconds: number,
): AccessTokenClaims {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('Missing authentication');
  const cacheKey = `${secret}\n${match[1]}`;
  const known = verified.get(cacheKey);
  if (known && known.exp > nowSeconds) return known;
  const check = verifyJwt(match[1], secret, nowSeconds);
  if (check.ok) {
    if (verified.size >= CACHE_LIMIT) verified.clear();
    verified.set(cacheKey, check.claims);
    return check.claims;
  }
  throw unauthorized(
    check.reason === 'expired' ? 'Expired token received for JSON Web Token validation' : 'Invalid token',
  );
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
