import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Synchronized groups of a directory-provisioning connection
// (schemas/overlay/connection-lists-synchronized-groups.yaml), as TestAccDirectorySynchronizedGroups shows them.
let api: Caller;
let path: string;
beforeAll(async () => {
  api = await startWithCaller();
  const connection = await api.call('POST', '/connections', {
    name: 'workspace',
    strategy: 'google-apps',
    options: { domain: 'example.com', client_id: 'x', client_secret: 'y' },
  });
  path = `/connections/${connection.body.id}/directory-provisioning/synchronized-groups`;
});
afterAll(() => api.emulator.close());

describe('synchronized groups', () => {
  it('PUT replaces, POST adds, DELETE removes (all 204); GET lists them in the order added', async () => {
    expect((await api.call('PUT', path, { groups: [] })).status).toBe(204);
    expect((await api.call('GET', `${path}?take=50`)).body).toEqual({ groups: [] });
    expect((await api.call('POST', path, { groups: [{ id: 'group1abc' }] })).status).toBe(204);
    expect(
      (await api.call('POST', path, { groups: [{ id: 'group2def' }, { id: 'group3ghi' }] })).status,
    ).toBe(204);
    expect((await api.call('GET', `${path}?take=50`)).body).toEqual({
      groups: [{ id: 'group1abc' }, { id: 'group2def' }, { id: 'group3ghi' }],
    });
    expect(
      (await api.call('DELETE', path, { groups: [{ id: 'group2def' }, { id: 'group3ghi' }] })).status,
    ).toBe(204);
    expect((await api.call('GET', `${path}?take=50`)).body).toEqual({ groups: [{ id: 'group1abc' }] });
    expect((await api.call('PUT', path, { groups: [{ id: 'group9' }] })).status).toBe(204);
    expect((await api.call('GET', `${path}?take=50`)).body).toEqual({ groups: [{ id: 'group9' }] });
  });

  it('searches by name or email prefix with q', async () => {
    await api.call('PUT', path, {
      groups: [
        { id: 'g1', name: 'Engineering', email: 'eng@example.com' },
        { id: 'g2', name: 'Sales', email: 'sales@example.com' },
      ],
    });
    const byName = await api.call('GET', `${path}?q=${encodeURIComponent('name:engin*')}&take=50`);
    expect(byName.body.groups.map((g: { id: string }) => g.id)).toEqual(['g1']);
    const byEmail = await api.call('GET', `${path}?q=${encodeURIComponent('email:SALES*')}`);
    expect(byEmail.body.groups.map((g: { id: string }) => g.id)).toEqual(['g2']);
    const none = await api.call('GET', `${path}?q=${encodeURIComponent('name:zzzznomatch*')}&take=50`);
    expect(none.body).toEqual({ groups: [] });
  });

  it('refuses a group id that is not alphanumeric and an unknown connection', async () => {
    expect((await api.call('POST', path, { groups: [{ id: 'not a group!' }] })).status).toBe(400);
    const missing = '/connections/con_nothing/directory-provisioning/synchronized-groups';
    expect((await api.call('POST', missing, { groups: [{ id: 'g1' }] })).status).toBe(404);
  });
});
