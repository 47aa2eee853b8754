// Lists past the 1,000 records offset paging reaches: a tenant with more clients and roles than
// that plans empty against a config that declares them all, so every one of them was read.
// (The 2,500-client, 1,500-role tenant applied end to end is in the bench's scale section.)

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const COUNT = 1_050;
const pad = (i: number) => String(i).padStart(4, '0');

describe('lists longer than 1,000 records', () => {
  let h: Harness;
  let dir: TempDir;
  beforeAll(async () => {
    h = await startHarness();
    // One of each through the API, then copies of it straight into the emulator's store: the
    // copies are what the API made, and the setup costs no thousands of requests.
    const client = await h.api<Record<string, unknown>>('POST', '/clients', {
      name: `App ${pad(0)}`,
      app_type: 'non_interactive',
    });
    const role = await h.api<Record<string, unknown>>('POST', '/roles', { name: `Role ${pad(0)}` });
    const clients = h.emulator.store.collection('/clients');
    const roles = h.emulator.store.collection('/roles');
    for (let i = 1; i < COUNT; i++) {
      const clientId = `${String(client.client_id).slice(0, 28)}${pad(i)}`;
      clients.set(clientId, { ...client, client_id: clientId, name: `App ${pad(i)}` });
      const roleId = `${String(role.id).slice(0, 16)}${pad(i)}`;
      roles.set(roleId, { ...role, id: roleId, name: `Role ${pad(i)}` });
    }
    h.emulator.store.changed();
    const lines = ['clients:'];
    for (let i = 0; i < COUNT; i++) lines.push(`  - { name: App ${pad(i)}, app_type: non_interactive }`);
    lines.push('roles:');
    for (let i = 0; i < COUNT; i++) lines.push(`  - { name: Role ${pad(i)} }`);
    dir = tempDir({ 'tenant.yaml': `${lines.join('\n')}\n` });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    dir?.remove();
  });

  it('reads every client and role, so a config declaring them all plans no change', async () => {
    const result = await h.run(['plan', '--detailed-exitcode', '--only', 'clients,roles', '-c', dir.dir]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Clients by checkpoint (the document offers it), 100 a page; roles by offset, which the
    // document does not limit.
    const pages = (path: string) => h.requests.filter((r) => r.method === 'GET' && r.path === path);
    expect(pages('/clients').length).toBe(Math.ceil((COUNT + 1) / 100));
    expect(pages('/roles').length).toBe(Math.ceil(COUNT / 100));
  }, 60_000);
});
