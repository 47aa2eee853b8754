import { ApiError } from '../http/api-error.ts';
import type { Operation } from '../openapi/document.ts';
import { type AccessTokenClaims, verifyJwt } from './jwt.ts';

const unauthorized = (message: string) => new ApiError(401, message);

/** The Management API's bearer check: 401 for a missing, invalid or expired token. */
export function authenticate(authorization: string | undefined, secret: string, nowSeconds: number): AccessTokenClaims {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) throw unauthorized('Missing authentication');
  const check = verifyJwt(match[1], secret, nowSeconds);
  if (check.ok) return check.claims;
  throw unauthorized(check.reason === 'expired' ? 'Expired token received for JSON Web Token validation' : 'Invalid token');
}

/** 403 `insufficient_scope` unless the token holds any of the scopes the operation lists. */
export function authorize(claims: AccessTokenClaims, operation: Operation): void {
  if (operation.scopes.length === 0) return;
  const granted = new Set(claims.scope.split(' '));
  if (operation.scopes.some((scope) => granted.has(scope))) return;
  throw new ApiError(403, `Insufficient scope, expected any of: ${operation.scopes.join(',')}`, 'insufficient_scope');
}

export function hasScope(claims: AccessTokenClaims, scope: string): boolean {
  return claims.scope.split(' ').includes(scope);
}
