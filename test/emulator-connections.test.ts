import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Connections as recorded (TestAccConnection*.yaml): server defaults per strategy survive a
// PATCH that replaces options, and DELETE answers 202 with the time it was accepted.
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('connections', () => {
  it('fills in the strategy defaults again when a PATCH replaces options', async () => {
    const created = await api.call('POST', '/connections', {
      name: 'oidc-defaults',
      strategy: 'oidc',
      options: { client_id: 'x', issuer: 'https://idp.example', type: 'back_channel' },
    });
    expect(created.body.options).toMatchObject({
      schema_version: 'oidc-V4',
      attribute_map: { mapping_mode: 'bind_all' },
    });
    const patched = await api.call('PATCH', `/connections/${created.body.id}`, {
      options: { client_id: 'y', issuer: 'https://idp.example', type: 'back_channel', scope: 'openid' },
    });
    expect(patched.body.options).toMatchObject({
      client_id: 'y',
      scope: 'openid',
      schema_version: 'oidc-V4',
      connection_settings: { pkce: 'auto' },
    });
    const deleted = await api.call('DELETE', `/connections/${created.body.id}`);
    expect(deleted.status).toBe(202);
    expect(new Date(deleted.body.deleted_at).getTime()).not.toBeNaN();
  });
});

describe('an OIDC connection', () => {
  it('keeps the metadata of the issuer it names, and tenantform treats it as the server’s', async () => {
    const created = await api.call('POST', '/connections', {
      name: 'oidc-metadata',
      strategy: 'oidc',
      options: {
        client_id: 'x',
        issuer: 'https://idp.example',
        authorization_endpoint: 'https://idp.example/authorize',
        token_endpoint: 'https://idp.example/token',
        type: 'back_channel',
      },
    });
    expect(created.body.options.oidc_metadata).toEqual({
      issuer: 'https://idp.example',
      authorization_endpoint: 'https://idp.example/authorize',
      token_endpoint: 'https://idp.example/token',
    });
    const { connections } = await import('../src/resources/connections.ts');
    expect(connections.fields?.serverOnly).toContain('options.oidc_metadata');
  });
});
