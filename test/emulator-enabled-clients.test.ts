import { afterEach, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Connections' enabled_clients is deprecated. The newest recordings (Go-Auth0 1.45/1.46) answer
// it in the create response only; GET and PATCH answers lack it, and clients read
// GET /connections/{id}/clients instead. Older recordings answer it everywhere.

let api: Caller | undefined;
afterEach(() => api?.emulator.close());

async function connectionWithClient(caller: Caller) {
  const client = await caller.call('POST', '/clients', { name: 'enabled one' });
  const created = await caller.call('POST', '/connections', {
    name: 'db',
    strategy: 'auth0',
    enabled_clients: [client.body.client_id],
  });
  return { clientId: client.body.client_id as string, created };
}

describe("connections' enabled_clients", () => {
  it('is answered on create only; reads take the clients sub-resource', async () => {
    api = await startWithCaller();
    const { clientId, created } = await connectionWithClient(api);
    expect(created.body.enabled_clients).toEqual([clientId]);
    const list = await api.call('GET', '/connections');
    expect(list.body.every((c: object) => !('enabled_clients' in c))).toBe(true);
    const item = await api.call('GET', `/connections/${created.body.id}`);
    expect(item.body).not.toHaveProperty('enabled_clients');
    const patched = await api.call('PATCH', `/connections/${created.body.id}`, { display_name: 'DB' });
    expect(patched.body).not.toHaveProperty('enabled_clients');
    const clients = await api.call('GET', `/connections/${created.body.id}/clients`);
    expect(clients.body.clients).toEqual([{ client_id: clientId }]);
  });

  it('is answered on every read of a tenant from before the deprecation (legacyEnabledClients)', async () => {
    api = await startWithCaller({ legacyEnabledClients: true });
    const { clientId, created } = await connectionWithClient(api);
    const list = await api.call('GET', '/connections');
    expect(list.body.find((c: { id: string }) => c.id === created.body.id).enabled_clients).toEqual([
      clientId,
    ]);
    expect((await api.call('GET', `/connections/${created.body.id}`)).body.enabled_clients).toEqual([
      clientId,
    ]);
  });
});
