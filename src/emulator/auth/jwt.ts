import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  azp: string;
  gty: 'client-credentials';
  scope: string;
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/** The one algorithm the emulator signs with, and so the only one it accepts. */
const ALGORITHM = 'HS256';

/** HS256 is enough: only the emulator itself verifies these tokens. */
export function signJwt(claims: AccessTokenClaims, secret: string): string {
  const unsigned = `${encode({ alg: ALGORITHM, typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks the header names HS256 (a token saying `none`, RS256 or anything else is not one of
 * ours, whatever its signature), the signature, and the expiry.
 */
export function verifyJwt(token: string, secret: string, nowSeconds: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'invalid' };
  let header: unknown;
  try {
    header = decode(parts[0]);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if ((header as { alg?: unknown } | null)?.alg !== ALGORITHM) return { ok: false, reason: 'invalid' };
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'invalid' };
  let claims: AccessTokenClaims;
  try {
    claims = decode(parts[1]) as AccessTokenClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims === null || typeof claims !== 'object') return { ok: false, reason: 'invalid' };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
