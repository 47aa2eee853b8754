import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Users' roles and permissions (schemas/overlay/users-roles-permissions.yaml) over HTTP, with the
// statuses, order and sources of TestAccUserRole(s) / TestAccUserPermission(s).
let api: Caller;
let user: string;
const roles: Record<string, string> = {};
const audience = 'https://api.example.com/orders';
beforeAll(async () => {
  api = await startWithCaller();
  const created = await api.call('POST', '/users', {
    connection: 'Username-Password-Authentication',
    email: 'ada@example.com',
    password: 'Correct-Horse-9',
  });
  user = encodeURIComponent(created.body.user_id ?? created.body.id);
  roles.owner = (await api.call('POST', '/roles', { name: 'Owner', description: 'Owns' })).body.id;
  roles.admin = (await api.call('POST', '/roles', { name: 'Admin', description: 'Administers' })).body.id;
  await api.call('POST', '/resource-servers', {
    identifier: audience,
    name: 'Orders',
    scopes: [
      { value: 'read:foo', description: 'Can read Foo' },
      { value: 'create:foo', description: 'Can create Foo' },
    ],
  });
});
afterAll(() => api.emulator.close());

describe("a user's roles", () => {
  it('assign (204), list by role name with totals, remove (204)', async () => {
    expect((await api.call('POST', `/users/${user}/roles`, { roles: [roles.owner] })).status).toBe(204);
    expect((await api.call('POST', `/users/${user}/roles`, { roles: [roles.admin] })).status).toBe(204);
    const list = await api.call('GET', `/users/${user}/roles?include_totals=true&page=0&per_page=100`);
    expect(list.body).toMatchObject({
      roles: [
        { id: roles.admin, name: 'Admin', description: 'Administers' },
        { id: roles.owner, name: 'Owner', description: 'Owns' },
      ],
      start: 0,
      limit: 100,
      total: 2,
    });
    expect(
      (await api.call('DELETE', `/users/${user}/roles`, { roles: [roles.admin, roles.owner] })).status,
    ).toBe(204);
    expect((await api.call('GET', `/users/${user}/roles`)).body).toEqual([]);
  });

  it('refuses an unknown role and an unknown user', async () => {
    expect((await api.call('POST', `/users/${user}/roles`, { roles: ['rol_nope'] })).status).toBe(404);
    expect((await api.call('GET', '/users/auth0%7Cnobody/roles')).status).toBe(404);
  });

  it('drops a deleted role from the list', async () => {
    const temp = (await api.call('POST', '/roles', { name: 'Temp' })).body.id;
    await api.call('POST', `/users/${user}/roles`, { roles: [temp] });
    await api.call('DELETE', `/roles/${temp}`);
    expect((await api.call('GET', `/users/${user}/roles`)).body).toEqual([]);
  });
});

describe("a user's permissions", () => {
  it('assign (201 {}), list by permission name with DIRECT sources, remove (204)', async () => {
    for (const permission_name of ['read:foo', 'create:foo']) {
      const added = await api.call('POST', `/users/${user}/permissions`, {
        permissions: [{ resource_server_identifier: audience, permission_name }],
      });
      expect(added).toMatchObject({ status: 201, body: {} });
    }
    const list = await api.call('GET', `/users/${user}/permissions?include_totals=true&per_page=50`);
    expect(list.body.total).toBe(2);
    expect(list.body.permissions[0]).toEqual({
      permission_name: 'create:foo',
      description: 'Can create Foo',
      resource_server_name: 'Orders',
      resource_server_identifier: audience,
      sources: [{ source_id: '', source_name: '', source_type: 'DIRECT' }],
    });
    expect(list.body.permissions[1].permission_name).toBe('read:foo');
    const removed = await api.call('DELETE', `/users/${user}/permissions`, {
      permissions: [{ resource_server_identifier: audience, permission_name: 'create:foo' }],
    });
    expect(removed.status).toBe(204);
    const after = await api.call('GET', `/users/${user}/permissions`);
    expect(after.body.map((p: { permission_name: string }) => p.permission_name)).toEqual(['read:foo']);
  });

  it('refuses a scope the API does not define', async () => {
    const reply = await api.call('POST', `/users/${user}/permissions`, {
      permissions: [{ resource_server_identifier: audience, permission_name: 'delete:everything' }],
    });
    expect(reply.status).toBe(400);
  });
});

// The create-user body and a user's connected accounts have real schemas (schemas/overlay/users.yaml).
describe('users as the API document now describes them', () => {
  it('a create without its connection is refused (400); a created user reads back as GET does', async () => {
    const refused = await api.call('POST', '/users', {
      email: 'no-connection@example.com',
      password: 'Pw-1234567',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      message: "Payload validation error: 'Missing required property: connection'.",
      errorCode: 'invalid_body',
    });
    const read = await api.call('GET', `/users/${user}`);
    expect(read.body).toMatchObject({ email: 'ada@example.com', user_id: decodeURIComponent(user) });
  });

  it('connected accounts list under their key, in checkpoint pages', async () => {
    const listed = await api.call('GET', `/users/${user}/connected-accounts?take=50`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ connected_accounts: [] });
  });
});
