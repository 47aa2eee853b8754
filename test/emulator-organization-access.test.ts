import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Organization connections and clients (schemas/overlay/organizations-connections-clients.yaml)
// over HTTP, with the defaults and shapes of TestAccOrganizationConnection(s) / Clients.
let api: Caller;
let orgId: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  api = await startWithCaller();
  orgId = (await api.call('POST', '/organizations', { name: 'acme' })).body.id;
  ids.db = (await api.call('POST', '/connections', { name: 'acme-db', strategy: 'auth0' })).body.id;
  ids.okta = (
    await api.call('POST', '/connections', {
      name: 'acme-okta',
      strategy: 'okta',
      options: { domain: 'acme.okta.com', client_id: 'x', client_secret: 'y' },
    })
  ).body.id;
  ids.app1 = (await api.call('POST', '/clients', { name: 'app-1' })).body.client_id;
  ids.app2 = (await api.call('POST', '/clients', { name: 'app-2' })).body.client_id;
});
afterAll(() => api.emulator.close());

describe('organization connections', () => {
  it('POST fills in the defaults; is_signup_enabled only for a database connection', async () => {
    const db = await api.call('POST', `/organizations/${orgId}/connections`, {
      is_enabled: true,
      connection_id: ids.db,
    });
    expect(db.status).toBe(201);
    expect(db.body).toEqual({
      connection_id: ids.db,
      is_signup_enabled: false,
      assign_membership_on_login: false,
      show_as_button: true,
      is_enabled: true,
      organization_access_level: 'none',
      connection: { name: 'acme-db', strategy: 'auth0' },
    });
    const okta = await api.call('POST', `/organizations/${orgId}/connections`, {
      assign_membership_on_login: true,
      connection_id: ids.okta,
    });
    expect(okta.body).not.toHaveProperty('is_signup_enabled');
    expect(okta.body).toMatchObject({ assign_membership_on_login: true, connection: { strategy: 'okta' } });
    expect(
      (await api.call('POST', `/organizations/${orgId}/connections`, { connection_id: ids.db })).status,
    ).toBe(409);
  });

  it('lists newest first, offset-paged with totals, filtered by is_enabled', async () => {
    const page = await api.call(
      'GET',
      `/organizations/${orgId}/connections?include_totals=true&is_enabled=true&page=0&per_page=50`,
    );
    expect(page.body).toMatchObject({ start: 0, limit: 50, total: 2 });
    expect(page.body.connections.map((c: { connection_id: string }) => c.connection_id)).toEqual([
      ids.okta,
      ids.db,
    ]);
    const next = await api.call(
      'GET',
      `/organizations/${orgId}/connections?include_totals=true&is_enabled=true&page=1&per_page=50`,
    );
    expect(next.body).toMatchObject({ connections: [], start: 50, limit: 50, total: 2 });
    await api.call('PATCH', `/organizations/${orgId}/connections/${ids.okta}`, { is_enabled: false });
    const enabled = await api.call('GET', `/organizations/${orgId}/connections?is_enabled=true`);
    expect(enabled.body.map((c: { connection_id: string }) => c.connection_id)).toEqual([ids.db]);
  });

  it('PATCH answers the whole object; DELETE removes it (GET 404, a second DELETE 204); it is the same list as enabled_connections', async () => {
    const patched = await api.call('PATCH', `/organizations/${orgId}/connections/${ids.db}`, {
      assign_membership_on_login: true,
      organization_access_level: 'readonly',
    });
    expect(patched.body).toMatchObject({
      assign_membership_on_login: true,
      organization_access_level: 'readonly',
      show_as_button: true,
    });
    const legacy = await api.call('GET', `/organizations/${orgId}/enabled_connections/${ids.db}`);
    expect(legacy.body).toMatchObject({ connection_id: ids.db, assign_membership_on_login: true });
    expect((await api.call('DELETE', `/organizations/${orgId}/connections/${ids.okta}`)).status).toBe(204);
    expect((await api.call('GET', `/organizations/${orgId}/connections/${ids.okta}`)).status).toBe(404);
    expect((await api.call('DELETE', `/organizations/${orgId}/connections/${ids.okta}`)).status).toBe(204);
    expect((await api.call('GET', '/organizations/org_missing/connections')).status).toBe(404);
  });
});

describe('organization clients', () => {
  it('POST a batch answers the new associations with a client summary; GET pages by checkpoint, newest first', async () => {
    const first = await api.call('POST', `/organizations/${orgId}/clients`, {
      clients: [{ client_id: ids.app1, use_for_member_access: true }],
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual([
      {
        client_id: ids.app1,
        use_for_member_access: true,
        client: expect.objectContaining({
          name: 'app-1',
          is_first_party: true,
          grant_types: expect.any(Array),
        }),
      },
    ]);
    await api.call('POST', `/organizations/${orgId}/clients`, {
      clients: [{ client_id: ids.app2, use_for_member_access: false }],
    });
    const list = await api.call('GET', `/organizations/${orgId}/clients?take=50`);
    expect(list.body.clients.map((c: { client_id: string }) => c.client_id)).toEqual([ids.app2, ids.app1]);
    expect(list.body).not.toHaveProperty('next');
  });

  it('PATCH flips use_for_member_access; DELETE removes the listed client ids', async () => {
    const patched = await api.call('PATCH', `/organizations/${orgId}/clients/${ids.app1}`, {
      use_for_member_access: false,
    });
    expect(patched.body).toMatchObject({ client_id: ids.app1, use_for_member_access: false });
    expect(
      (await api.call('DELETE', `/organizations/${orgId}/clients`, { clients: [ids.app1] })).status,
    ).toBe(204);
    const list = await api.call('GET', `/organizations/${orgId}/clients`);
    expect(list.body.clients.map((c: { client_id: string }) => c.client_id)).toEqual([ids.app2]);
  });

  it('refuses an unknown client without associating any of the batch', async () => {
    const reply = await api.call('POST', `/organizations/${orgId}/clients`, {
      clients: [
        { client_id: ids.app1, use_for_member_access: true },
        { client_id: 'nope', use_for_member_access: true },
      ],
    });
    expect(reply.status).toBe(404);
    const list = await api.call('GET', `/organizations/${orgId}/clients`);
    expect(list.body.clients).toHaveLength(1);
  });

  it('the groups holding an organization role list by checkpoint', async () => {
    const groups = await api.call('GET', `/organizations/${orgId}/roles/rol_x/groups?take=50`);
    expect(groups).toMatchObject({ status: 200, body: { groups: [] } });
  });
});
