import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { ApiError, createManagementClient } from '../src/api/client.ts';
import type { components } from '../src/api/schema.ts';
import { apiError, type FakeTenant, type Handler, startFakeTenant } from './api-fake-tenant.ts';

let tenant: FakeTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

async function clientFor(handler: Handler) {
  tenant = await startFakeTenant(handler);
  return createManagementClient({ domain: tenant.url, token: 'tok' });
}

describe('ManagementClient', () => {
  it('sends typed calls to URL/api/v2 with the bearer token and JSON body', async () => {
    const client = await clientFor((req) => ({
      status: 201,
      json: { client_id: 'c1', ...(req.body as object) },
    }));
    const created = await client.unwrap(client.http.POST('/clients', { body: { name: 'web' } }));
    expect(created).toEqual({ client_id: 'c1', name: 'web' });
    const [seen] = tenant?.seen ?? [];
    expect(seen).toMatchObject({ method: 'POST', path: '/api/v2/clients', body: { name: 'web' } });
    expect(seen.headers.authorization).toBe('Bearer tok');
    expect(seen.headers['content-type']).toBe('application/json');
  });

  it('unwrap turns a non-2xx reply into an ApiError with the API message and code', async () => {
    const client = await clientFor(() =>
      apiError(409, 'A connection with the same name already exists', 'connection_conflict'),
    );
    const error = await client
      .unwrap(client.http.DELETE('/roles/{id}', { params: { path: { id: 'rol_1' } } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      errorCode: 'connection_conflict',
      method: 'DELETE',
      path: '/roles/rol_1',
      message: 'A connection with the same name already exists',
      body: { statusCode: 409, error: 'Conflict' },
    });
    expect((error as ApiError).summary).toBe(
      'DELETE /roles/rol_1 → 409 connection_conflict: A connection with the same name already exists',
    );
  });

  it('unwrap returns undefined for 204', async () => {
    const client = await clientFor(() => ({ status: 204 }));
    expect(
      await client.unwrap(client.http.DELETE('/clients/{id}', { params: { path: { id: 'x' } } })),
    ).toBeUndefined();
  });

  it('counts requests in stats', async () => {
    const client = await clientFor(() => ({ json: {} }));
    await client.unwrap(client.http.GET('/clients'));
    await client.unwrap(client.http.GET('/clients'));
    expect(client.stats()).toEqual({ requests: 2, retries: 0, rateLimited: 0, waitedMs: 0 });
  });

  it('unwrap keeps the typed response of the API document', async () => {
    const client = await clientFor(() => ({ json: { client_id: 'abc', name: 'web' } }));
    const found = await client.unwrap(client.http.GET('/clients/{id}', { params: { path: { id: 'abc' } } }));
    const asDocumented: components['schemas']['GetClientResponseContent'] = found;
    expectTypeOf(found.client_id).toEqualTypeOf<string | undefined>();
    expect(asDocumented.client_id).toBe('abc');
    expect(found.name).toBe('web');
    expect(tenant?.seen[0].path).toBe('/api/v2/clients/abc');
  });
});
