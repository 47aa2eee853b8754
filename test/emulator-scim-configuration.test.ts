import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Inbound SCIM configuration of a connection, as recorded (TestAccSCIMConfiguration*.yaml).
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('SCIM configuration', () => {
  it('is refused for a database connection and absent (404) until created', async () => {
    const db = await api.call('POST', '/connections', { name: 'scim-db', strategy: 'auth0' });
    expect((await api.call('POST', `/connections/${db.body.id}/scim-configuration`)).status).toBe(404);
    const okta = await api.call('POST', '/connections', {
      name: 'scim-okta',
      strategy: 'okta',
      options: { client_id: 'x', domain: 'example.okta.com' },
    });
    expect((await api.call('GET', `/connections/${okta.body.id}/scim-configuration`)).status).toBe(404);
  });

  it('creates with the default mapping, patches, and deletes', async () => {
    const okta = await api.call('POST', '/connections', { name: 'scim-okta-2', strategy: 'okta' });
    const path = `/connections/${okta.body.id}/scim-configuration`;
    const created = await api.call('POST', path);
    expect(created).toMatchObject({
      status: 201,
      body: {
        connection_id: okta.body.id,
        connection_name: 'scim-okta-2',
        strategy: 'okta',
        user_id_attribute: 'externalId',
      },
    });
    const defaults = await api.call('GET', `${path}/default-mapping`);
    expect(defaults.body.mapping).toHaveLength(32);
    expect(created.body.mapping).toEqual(defaults.body.mapping);
    const patched = await api.call('PATCH', path, {
      user_id_attribute: 'id',
      mapping: [{ auth0: 'a', scim: 'b' }],
    });
    expect(patched.body).toMatchObject({ user_id_attribute: 'id', mapping: [{ auth0: 'a', scim: 'b' }] });
    expect(patched.body.created_at).toBe(created.body.created_at);
    expect((await api.call('DELETE', path)).status).toBe(204);
    expect((await api.call('GET', path)).status).toBe(404);
  });
});
