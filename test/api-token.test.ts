import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, createManagementClient, TokenRequestError } from '../src/api/client.ts';
import { systemClock } from '../src/api/clock.ts';
import {
  apiError,
  type FakeTenant,
  fakeJwt,
  type Reply,
  type SeenRequest,
  startFakeTenant,
} from './api-fake-tenant.ts';

const SECRET = 'super-secret-value-never-printed';
let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

/** A tenant that issues numbered tokens and accepts only those `isValid` approves. */
async function tokenTenant(options: { expiresIn: number; isValid?: (token: string) => boolean }) {
  let issued = 0;
  tenant = await startFakeTenant((req: SeenRequest): Reply => {
    if (req.path === '/oauth/token') {
      const body = req.body as Record<string, string>;
      if (body.client_secret !== SECRET)
        return { status: 401, json: { error: 'access_denied', error_description: 'Unauthorized' } };
      issued += 1;
      return {
        json: {
          access_token: fakeJwt({ sub: 'deployer-id@clients', azp: 'deployer-id', n: issued }),
          expires_in: options.expiresIn,
          token_type: 'Bearer',
        },
      };
    }
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (options.isValid && !options.isValid(token)) return apiError(401, 'Invalid token');
    return { json: { ok: true } };
  });
  return tenant;
}

function tokenNumber(req: SeenRequest): number {
  const jwt = String(req.headers.authorization).replace(/^Bearer /, '');
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).n;
}

/** Real sleeps, but a "now" the test can move forward to expire tokens without waiting. */
function skewableClock() {
  let offset = 0;
  return {
    clock: { now: () => Date.now() + offset, sleep: systemClock.sleep },
    skip: (ms: number) => {
      offset += ms;
    },
  };
}

describe('token', () => {
  it('asks once for concurrent callers, caches, and refreshes before expiry', async () => {
    const t = await tokenTenant({ expiresIn: 30 });
    const { clock, skip } = skewableClock();
    const client = createManagementClient({
      domain: t.url,
      clientId: 'deployer-id',
      clientSecret: SECRET,
      clock,
    });
    await Promise.all(Array.from({ length: 5 }, () => client.unwrap(client.http.GET('/clients'))));
    const tokenRequests = () => t.seen.filter((r) => r.path === '/oauth/token');
    expect(tokenRequests()).toHaveLength(1);
    expect(tokenRequests()[0].body).toEqual({
      grant_type: 'client_credentials',
      client_id: 'deployer-id',
      client_secret: SECRET,
      audience: `${t.url}/api/v2/`,
    });

    skip(20_000); // still well inside the lifetime
    await client.unwrap(client.http.GET('/clients'));
    expect(tokenRequests()).toHaveLength(1);

    skip(8_000); // within the refresh margin (a tenth of 30 s) before expiry
    await client.unwrap(client.http.GET('/clients'));
    expect(tokenRequests()).toHaveLength(2);
    const apiCalls = t.seen.filter((r) => r.path !== '/oauth/token');
    expect(apiCalls.map(tokenNumber)).toEqual([1, 1, 1, 1, 1, 1, 2]);
    expect(apiCalls.every((r) => r.path === '/api/v2/clients')).toBe(true);
  });

  it('a 401 on the API forces one refresh and one retry', async () => {
    // Token 1 is "revoked"; token 2 works.
    const t = await tokenTenant({ expiresIn: 86_400, isValid: (token) => decode(token).n !== 1 });
    const client = createManagementClient({ domain: t.url, clientId: 'deployer-id', clientSecret: SECRET });
    const results = await Promise.all([1, 2, 3].map(() => client.unwrap(client.http.GET('/clients'))));
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // Three concurrent 401s for the same token still make only one new token.
    expect(t.seen.filter((r) => r.path === '/oauth/token')).toHaveLength(2);
  });

  it('a token that keeps being rejected fails after exactly one refresh', async () => {
    const t = await tokenTenant({ expiresIn: 86_400, isValid: () => false });
    const client = createManagementClient({ domain: t.url, clientId: 'deployer-id', clientSecret: SECRET });
    const error = await client.unwrap(client.http.GET('/clients')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).message).toBe('Invalid token');
    expect(t.seen.map((r) => r.path)).toEqual([
      '/oauth/token',
      '/api/v2/clients',
      '/oauth/token',
      '/api/v2/clients',
    ]);
  });

  it('a fixed AUTH0_TOKEN is sent as is and never refreshed', async () => {
    const t = await tokenTenant({ expiresIn: 1, isValid: () => false });
    const client = createManagementClient({ domain: t.url, token: 'fixed-token' });
    await expect(client.unwrap(client.http.GET('/clients'))).rejects.toMatchObject({ status: 401 });
    expect(t.seen.map((r) => [r.path, r.headers.authorization])).toEqual([
      ['/api/v2/clients', 'Bearer fixed-token'],
    ]);
  });

  it('bad credentials give a clear error that does not print the secret', async () => {
    const t = await tokenTenant({ expiresIn: 60 });
    const client = createManagementClient({
      domain: t.url,
      clientId: 'deployer-id',
      clientSecret: 'wrong-secret-xyz',
    });
    const error = await client.unwrap(client.http.GET('/clients')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    const message = (error as Error).message;
    expect(message).toMatch(/401/);
    expect(message).toMatch(/access_denied: Unauthorized/);
    expect(message).toMatch(/AUTH0_CLIENT_ID \(deployer-id\) and AUTH0_CLIENT_SECRET/);
    expect(message).not.toContain('wrong-secret-xyz');
    expect(t.seen.filter((r) => r.path !== '/oauth/token')).toHaveLength(0);
  });

  it('deployerClientId reads azp from the token, or falls back', async () => {
    const t = await tokenTenant({ expiresIn: 60 });
    const viaCredentials = createManagementClient({
      domain: t.url,
      clientId: 'configured-id',
      clientSecret: SECRET,
    });
    expect(await viaCredentials.deployerClientId()).toBe('deployer-id');
    const viaJwt = createManagementClient({ domain: t.url, token: fakeJwt({ sub: 'abc123@clients' }) });
    expect(await viaJwt.deployerClientId()).toBe('abc123');
    const opaque = createManagementClient({ domain: t.url, token: 'not-a-jwt' });
    expect(await opaque.deployerClientId()).toBeUndefined();
  });
});

function decode(token: string): { n?: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('token endpoint limits', () => {
  it('a 429 from /oauth/token is waited out and retried', async () => {
    tenant = await startFakeTenant((req) => {
      if (req.path === '/oauth/token') {
        if (req.seq === 0)
          return { ...apiError(429, 'Too many requests'), headers: { 'retry-after': '0.1' } };
        return { json: { access_token: fakeJwt({ azp: 'x' }), expires_in: 3600 } };
      }
      return { json: { ok: true } };
    });
    const client = createManagementClient({ domain: tenant.url, clientId: 'x', clientSecret: SECRET });
    expect(await client.unwrap(client.http.GET('/clients'))).toEqual({ ok: true });
    expect(tenant.seen.map((r) => r.path)).toEqual(['/oauth/token', '/oauth/token', '/api/v2/clients']);
  });
});
