import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// The encryption key hierarchy as recorded (TestAccEncryptionKeyManager*.yaml).
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

const list = async () =>
  (await api.call('GET', '/keys/encryption?include_totals=true&page=0&per_page=5')).body.keys;

describe('encryption keys', () => {
  it('lists a new tenant master key under the environment root key, newest first', async () => {
    const [master, root] = await list();
    expect(master).toMatchObject({
      type: 'tenant-master-key',
      state: 'active',
      parent_kid: root.kid,
      public_key: null,
    });
    expect(root).toMatchObject({ type: 'environment-root-key', state: 'active', parent_kid: null });
  });

  it('rekeys: a new master key, the old one kept as destroyed', async () => {
    const [before] = await list();
    expect((await api.call('POST', '/keys/encryption/rekey')).status).toBe(204);
    const [now, old] = await list();
    expect(now).toMatchObject({ type: 'tenant-master-key', state: 'active' });
    expect(old).toMatchObject({ kid: before.kid, state: 'destroyed' });
  });

  it('imports a customer-provided root key, refusing bad key material', async () => {
    const created = await api.call('POST', '/keys/encryption', { type: 'customer-provided-root-key' });
    expect(created).toMatchObject({ status: 201, body: { state: 'pre-activation', parent_kid: null } });
    const kid = created.body.kid;
    const wrapping = await api.call('POST', `/keys/encryption/${kid}/wrapping-key`);
    expect(wrapping.body.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect((await api.call('POST', `/keys/encryption/${kid}`, { wrapped_key: 'bad-key-value' })).status).toBe(
      400,
    );
    const imported = await api.call('POST', `/keys/encryption/${kid}`, { wrapped_key: 'A'.repeat(512) });
    expect(imported).toMatchObject({ status: 201, body: { kid, state: 'active' } });
    const [master, root] = await list();
    expect(master).toMatchObject({ type: 'tenant-master-key', state: 'active', parent_kid: kid });
    expect(root.kid).toBe(kid);
    expect((await api.call('DELETE', `/keys/encryption/${kid}`)).status).toBe(204);
    expect((await api.call('GET', `/keys/encryption/${kid}`)).body.state).toBe('destroyed');
    expect((await api.call('GET', '/keys/encryption/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });
});
