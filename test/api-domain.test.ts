import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFromEnv } from '../src/api/client.ts';
import { parseAuth0Domain } from '../src/api/domain.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

describe('AUTH0_DOMAIN', () => {
  it('maps a bare host to https endpoints', () => {
    expect(parseAuth0Domain('my-tenant.eu.auth0.com')).toEqual({
      apiBaseUrl: 'https://my-tenant.eu.auth0.com/api/v2',
      tokenUrl: 'https://my-tenant.eu.auth0.com/oauth/token',
      audience: 'https://my-tenant.eu.auth0.com/api/v2/',
    });
  });

  it('keeps the port of a bare host:port (the TLS emulator)', () => {
    expect(parseAuth0Domain('127.0.0.1:4443').audience).toBe('https://127.0.0.1:4443/api/v2/');
  });

  it('keeps scheme and port of a full URL', () => {
    expect(parseAuth0Domain('http://127.0.0.1:4010')).toEqual({
      apiBaseUrl: 'http://127.0.0.1:4010/api/v2',
      tokenUrl: 'http://127.0.0.1:4010/oauth/token',
      audience: 'http://127.0.0.1:4010/api/v2/',
    });
  });

  it('tolerates a trailing slash or a pasted /api/v2', () => {
    expect(parseAuth0Domain('https://t.auth0.com/').apiBaseUrl).toBe('https://t.auth0.com/api/v2');
    expect(parseAuth0Domain('https://t.auth0.com/api/v2/').apiBaseUrl).toBe('https://t.auth0.com/api/v2');
    expect(parseAuth0Domain('  t.auth0.com  ').tokenUrl).toBe('https://t.auth0.com/oauth/token');
  });

  it('rejects what is not a host or URL', () => {
    expect(() => parseAuth0Domain('')).toThrow(/empty/);
    expect(() => parseAuth0Domain('ftp://x.example')).toThrow(/http or https/);
    expect(() => parseAuth0Domain('not a host')).toThrow(/not a host or URL/);
  });
});

describe('clientFromEnv', () => {
  it('needs AUTH0_DOMAIN', () => {
    expect(() => clientFromEnv({ AUTH0_TOKEN: 't' })).toThrow(/AUTH0_DOMAIN is not set/);
  });

  it('needs a token or both client credentials, and names what is missing', () => {
    expect(() => clientFromEnv({ AUTH0_DOMAIN: 'x.auth0.com' })).toThrow(/No credentials/);
    expect(() => clientFromEnv({ AUTH0_DOMAIN: 'x.auth0.com', AUTH0_CLIENT_ID: 'id' })).toThrow(
      /AUTH0_CLIENT_SECRET is not set/,
    );
    expect(() => clientFromEnv({ AUTH0_DOMAIN: 'x.auth0.com', AUTH0_CLIENT_SECRET: 'shh' })).toThrow(
      /AUTH0_CLIENT_ID is not set/,
    );
  });

  it('builds a client from a token or from client credentials', () => {
    expect(clientFromEnv({ AUTH0_DOMAIN: 'x.auth0.com', AUTH0_TOKEN: 't' }).stats().requests).toBe(0);
    const client = clientFromEnv({
      AUTH0_DOMAIN: 'x.auth0.com',
      AUTH0_CLIENT_ID: 'a',
      AUTH0_CLIENT_SECRET: 'b',
    });
    expect(typeof client.http.GET).toBe('function');
  });
});

describe('clientFromEnv, against the emulator over HTTP', () => {
  let api: Caller;
  beforeAll(async () => {
    api = await startWithCaller();
  });
  afterAll(() => api.emulator.close());

  const deployerIn = async (env: Record<string, string>) => {
    const client = clientFromEnv(env);
    const clients = (await client.unwrap(client.http.GET('/clients'))) as { client_id?: string }[];
    expect(client.stats().requests).toBeGreaterThan(0);
    return clients.map((c) => c.client_id);
  };

  it('reads the tenant with client credentials (exchanged for a token) from the environment', async () => {
    const { clientId, clientSecret } = api.emulator.credentials;
    expect(
      await deployerIn({
        AUTH0_DOMAIN: ` ${api.emulator.url} `,
        AUTH0_CLIENT_ID: clientId,
        AUTH0_CLIENT_SECRET: clientSecret,
      }),
    ).toContain(clientId);
    await expect(
      deployerIn({ AUTH0_DOMAIN: api.emulator.url, AUTH0_CLIENT_ID: clientId, AUTH0_CLIENT_SECRET: 'wrong' }),
    ).rejects.toThrow();
  });

  it('reads the tenant with AUTH0_TOKEN, and sends that token', async () => {
    const { clientId } = api.emulator.credentials;
    expect(await deployerIn({ AUTH0_DOMAIN: api.emulator.url, AUTH0_TOKEN: api.token })).toContain(clientId);
    await expect(
      deployerIn({ AUTH0_DOMAIN: api.emulator.url, AUTH0_TOKEN: 'not-a-token' }),
    ).rejects.toMatchObject({
      status: 401,
    });
  });
});
