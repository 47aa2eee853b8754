import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../src/emulator/auth/jwt.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

let api: Caller;
let audience: string;
beforeAll(async () => {
  api = await startWithCaller();
  audience = `https://127.0.0.1:${api.emulator.port}/api/v2/`;
});
afterAll(() => api.emulator.close());

async function tokenRequest(body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${api.emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', ...body }),
  });
  return { status: response.status, body: await response.json() };
}

const deployer = () => ({
  client_id: api.emulator.credentials.clientId,
  client_secret: api.emulator.credentials.clientSecret,
});

/** A token the emulator's own secret signs, with the header and claims given. */
function forged(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(claims)}`;
  const signature = createHmac('sha256', api.emulator.store.signingSecret)
    .update(unsigned)
    .digest('base64url');
  return `${unsigned}.${signature}`;
}

function claimsFor(clientId: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: `https://127.0.0.1:${api.emulator.port}/`,
    sub: `${clientId}@clients`,
    aud: audience,
    iat: now,
    exp: now + 3600,
    azp: clientId,
    gty: 'client-credentials' as const,
    scope: 'read:clients',
    ...overrides,
  };
}

describe('the token endpoint', () => {
  it('refuses an audience that is no API of the tenant, as Auth0 does', async () => {
    for (const wrong of [
      'https://evil.example/api/v2/',
      `https://127.0.0.1:${api.emulator.port}/api/v2`,
      '',
    ]) {
      expect(await tokenRequest({ ...deployer(), audience: wrong })).toEqual({
        status: 403,
        body: { error: 'access_denied', error_description: `Service not enabled within domain: ${wrong}` },
      });
    }
  });

  it('refuses an unknown client and a wrong secret with 401', async () => {
    const unauthorized = { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
    expect(await tokenRequest({ client_id: 'no-such-client', client_secret: 'x', audience })).toEqual(
      unauthorized,
    );
    expect(await tokenRequest({ ...deployer(), client_secret: 'wrong', audience })).toEqual(unauthorized);
  });

  it('refuses a client that may not use client credentials', async () => {
    const spa = await api.call('POST', '/clients', { name: 'browser app', app_type: 'spa' });
    await api.call('PATCH', `/clients/${spa.body.client_id}`, { grant_types: ['authorization_code'] });
    const reply = await tokenRequest({
      client_id: spa.body.client_id,
      client_secret: spa.body.client_secret,
      audience,
    });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({
      error: 'unauthorized_client',
      error_description: "Grant type 'client_credentials' not allowed for the client.",
    });
  });

  it("issues a token for another API of the tenant only with a grant, and the Management API refuses it: 'Bad audience'", async () => {
    await api.call('POST', '/resource-servers', {
      identifier: 'https://bookings.example',
      scopes: [{ value: 'book' }],
    });
    const worker = await api.call('POST', '/clients', { name: 'worker', app_type: 'non_interactive' });
    const credentials = { client_id: worker.body.client_id, client_secret: worker.body.client_secret };
    const ungranted = await tokenRequest({ ...credentials, audience: 'https://bookings.example' });
    expect(ungranted.status).toBe(403);
    expect(ungranted.body).toMatchObject({ error: 'access_denied' });
    expect((ungranted.body as { error_description: string }).error_description).toMatch(
      /^Client is not authorized to access "https:\/\/bookings\.example"/,
    );

    await api.call('POST', '/client-grants', {
      client_id: worker.body.client_id,
      audience: 'https://bookings.example',
      scope: ['book'],
    });
    const granted = await tokenRequest({ ...credentials, audience: 'https://bookings.example' });
    expect(granted.status).toBe(200);
    const token = (granted.body as { access_token: string; scope: string }).access_token;
    expect((granted.body as { scope: string }).scope).toBe('book');
    const refused = await api.call('GET', '/clients', undefined, token);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Bad audience: https://bookings.example',
    });
  });
});

describe('the Management API', () => {
  it('refuses a token whose header names another algorithm, whatever its signature', async () => {
    const claims = claimsFor(api.emulator.credentials.clientId);
    for (const header of [{ alg: 'none', typ: 'JWT' }, { alg: 'RS256', typ: 'JWT' }, { typ: 'JWT' }]) {
      const reply = await api.call('GET', '/clients', undefined, forged(header, claims));
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid token' });
    }
    // The same claims under the header the emulator signs with pass: only the header differed.
    expect(
      (await api.call('GET', '/clients', undefined, forged({ alg: 'HS256', typ: 'JWT' }, claims))).status,
    ).toBe(200);
  });

  it('refuses a token for a client that does not exist, or no longer does', async () => {
    const never = signJwt(claimsFor('client-that-never-was'), api.emulator.store.signingSecret);
    expect((await api.call('GET', '/clients', undefined, never)).body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid token',
    });

    const reader = await api.call('POST', '/clients', { name: 'short-lived', app_type: 'non_interactive' });
    await api.call('POST', '/client-grants', {
      client_id: reader.body.client_id,
      audience,
      scope: ['read:clients'],
    });
    const token = await api.tokenFor(reader.body.client_id, reader.body.client_secret);
    expect((await api.call('GET', '/clients', undefined, token)).status).toBe(200);
    await api.call('DELETE', `/clients/${reader.body.client_id}`);
    const after = await api.call('GET', '/clients', undefined, token);
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('Invalid token');
  });

  it('refuses a token whose subject is not its client', async () => {
    const mismatched = signJwt(
      claimsFor(api.emulator.credentials.clientId, { sub: 'someone-else@clients' }),
      api.emulator.store.signingSecret,
    );
    expect((await api.call('GET', '/clients', undefined, mismatched)).status).toBe(401);
  });

  it('accepts its audience as the client addressed it: over http, and by the Host it used', async () => {
    const overHttp = await tokenRequest({ ...deployer(), audience: `${api.emulator.url}/api/v2/` });
    expect(overHttp.status).toBe(200);
    const token = (overHttp.body as { access_token: string }).access_token;
    expect((await api.call('GET', '/clients', undefined, token)).status).toBe(200);
  });
});
