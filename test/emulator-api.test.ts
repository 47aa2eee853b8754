import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../src/emulator/auth/jwt.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('a fresh tenant', () => {
  it('has the global client, Default App, the deployer and the default connections', async () => {
    const clients = await api.call('GET', '/clients');
    expect(clients.body.map((c: { name: string }) => c.name)).toEqual([
      'All Applications',
      'Default App',
      'tenantform deployer',
    ]);
    expect(clients.body[0].global).toBe(true);
    const connections = await api.call('GET', '/connections');
    expect(connections.body.map((c: { name: string }) => c.name)).toEqual([
      'Username-Password-Authentication',
      'google-oauth2',
    ]);
  });

  it('has the Management API as a system resource server whose scopes cannot change', async () => {
    const servers = await api.call('GET', '/resource-servers');
    const system = servers.body.find((rs: { is_system: boolean }) => rs.is_system);
    expect(system.identifier).toBe(`https://127.0.0.1:${api.emulator.port}/api/v2/`);
    expect(system.scopes.map((s: { value: string }) => s.value)).toContain('read:roles');
    const patch = await api.call('PATCH', `/resource-servers/${system.id}`, { scopes: [] });
    expect(patch.status).toBe(403);
    expect((await api.call('DELETE', `/resource-servers/${system.id}`)).status).toBe(403);
  });
});

describe('auth', () => {
  it('issues a JWT for the deployer carrying every Management API scope', () => {
    const claims = JSON.parse(Buffer.from(api.token.split('.')[1], 'base64url').toString());
    expect(claims.gty).toBe('client-credentials');
    expect(claims.sub).toBe(`${api.emulator.credentials.clientId}@clients`);
    expect(claims.scope.split(' ')).toEqual(
      expect.arrayContaining(['read:clients', 'create:roles', 'update:actions']),
    );
  });

  it('accepts JSON token requests and rejects bad credentials with 401', async () => {
    const good = await fetch(`${api.emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: api.emulator.credentials.clientId,
        client_secret: api.emulator.credentials.clientSecret,
        audience: `https://127.0.0.1:${api.emulator.port}/api/v2/`,
      }),
    });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ token_type: 'Bearer', expires_in: 86400 });
    const bad = await fetch(`${api.emulator.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: api.emulator.credentials.clientId,
        client_secret: 'nope',
        audience: 'https://x/api/v2/',
      }),
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
  });

  it('answers 401 for a missing, invalid or expired token', async () => {
    const missing = await fetch(`${api.emulator.url}/api/v2/clients`);
    expect(missing.status).toBe(401);
    const invalid = await api.call('GET', '/clients', undefined, 'not.a.jwt');
    expect(invalid.status).toBe(401);
    expect(invalid.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid token' });
    const now = Math.floor(Date.now() / 1000);
    const expiredToken = signJwt(
      {
        iss: 'x',
        sub: 'x@clients',
        aud: 'x',
        iat: now - 100,
        exp: now - 10,
        azp: 'x',
        gty: 'client-credentials',
        scope: 'read:clients',
      },
      api.emulator.store.signingSecret,
    );
    const expired = await api.call('GET', '/clients', undefined, expiredToken);
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('Expired token received for JSON Web Token validation');
  });

  it('answers 403 insufficient_scope with the scope the operation lists', async () => {
    const client = await api.call('POST', '/clients', { name: 'reader', app_type: 'non_interactive' });
    const audience = `https://127.0.0.1:${api.emulator.port}/api/v2/`;
    const grant = await api.call('POST', '/client-grants', {
      client_id: client.body.client_id,
      audience,
      scope: ['read:clients'],
    });
    expect(grant.status).toBe(201);
    const readerToken = await api.tokenFor(client.body.client_id, client.body.client_secret);
    expect((await api.call('GET', '/clients', undefined, readerToken)).status).toBe(200);
    const denied = await api.call('GET', '/roles', undefined, readerToken);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: read:roles',
      errorCode: 'insufficient_scope',
    });
  });
});

describe('validation', () => {
  it('answers 400 invalid_body naming an unknown property', async () => {
    const response = await api.call('POST', '/clients', { name: 'x', colour: 'blue' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: "Payload validation error: 'Additional properties not allowed: colour'.",
      errorCode: 'invalid_body',
    });
  });

  it('answers 400 for a wrong type and for an unknown query parameter', async () => {
    const wrongType = await api.call('POST', '/roles', { name: 42 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain('on property name');
    const query = await api.call('GET', '/roles?colour=blue');
    expect(query.status).toBe(400);
    expect(query.body.errorCode).toBe('invalid_query_string');
  });

  it('answers 404 Not Found for unknown routes', async () => {
    const response = await api.call('GET', '/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not Found' });
    expect((await fetch(`${api.emulator.url}/elsewhere`)).status).toBe(404);
  });
});

describe('special behaviour', () => {
  it('gives ids in the real formats and fills server defaults', async () => {
    const client = await api.call('POST', '/clients', { name: 'web', app_type: 'regular_web' });
    expect(client.body.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(client.body.client_secret).toHaveLength(64);
    expect(client.body.grant_types).toContain('authorization_code');
    const connection = await api.call('POST', '/connections', { name: 'db-ids', strategy: 'auth0' });
    expect(connection.body.id).toMatch(/^con_[A-Za-z0-9]{16}$/);
    expect(connection.body).toMatchObject({
      realms: ['db-ids'],
      enabled_clients: [],
      is_domain_connection: false,
    });
    const server = await api.call('POST', '/resource-servers', { identifier: 'https://ids.example.com' });
    expect(server.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(server.body).toMatchObject({
      signing_alg: 'RS256',
      token_lifetime: 86400,
      token_lifetime_for_web: 7200,
    });
    const role = await api.call('POST', '/roles', { name: 'ids-role' });
    expect(role.status).toBe(200);
    expect(role.body.id).toMatch(/^rol_[A-Za-z0-9]{16}$/);
    const action = await api.call('POST', '/actions/actions', {
      name: 'ids-action',
      supported_triggers: [{ id: 'post-login', version: 'v3' }],
    });
    expect(action.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(action.body.status).toBe('pending');
  });

  it('answers 409 for duplicates', async () => {
    const audience = 'https://dup.example.com';
    expect((await api.call('POST', '/connections', { name: 'dup', strategy: 'auth0' })).status).toBe(201);
    const connection = await api.call('POST', '/connections', { name: 'dup', strategy: 'auth0' });
    expect(connection.status).toBe(409);
    expect(connection.body.errorCode).toBe('connection_conflict');
    expect((await api.call('POST', '/resource-servers', { identifier: audience })).status).toBe(201);
    expect((await api.call('POST', '/resource-servers', { identifier: audience })).status).toBe(409);
    const client = await api.call('POST', '/clients', { name: 'dup-client' });
    expect(
      (await api.call('POST', '/client-grants', { client_id: client.body.client_id, audience, scope: [] }))
        .status,
    ).toBe(201);
    expect(
      (await api.call('POST', '/client-grants', { client_id: client.body.client_id, audience, scope: [] }))
        .status,
    ).toBe(409);
    expect((await api.call('POST', '/roles', { name: 'dup-role' })).status).toBe(200);
    expect((await api.call('POST', '/roles', { name: 'dup-role' })).status).toBe(409);
  });

  it('replaces connection options whole on PATCH and manages enabled clients', async () => {
    const created = await api.call('POST', '/connections', {
      name: 'opts',
      strategy: 'auth0',
      options: { passwordPolicy: 'fair', brute_force_protection: false },
    });
    const patched = await api.call('PATCH', `/connections/${created.body.id}`, {
      options: { passwordPolicy: 'good' },
    });
    // Only the options the server manages itself stay (recorded, TestAccConnectionAddEmailAttribute*).
    const { passkey_options, authentication_methods, ...replaced } = patched.body.options;
    expect(replaced).toEqual({ passwordPolicy: 'good' });
    expect(passkey_options).toEqual(created.body.options.passkey_options);
    expect(authentication_methods).toEqual(created.body.options.authentication_methods);
    const client = await api.call('POST', '/clients', { name: 'enabled' });
    const enable = await api.call('PATCH', `/connections/${created.body.id}/clients`, [
      { client_id: client.body.client_id, status: true },
    ]);
    expect(enable.status).toBe(204);
    const enabled = await api.call('GET', `/connections/${created.body.id}/clients`);
    expect(enabled.body.clients).toEqual([{ client_id: client.body.client_id }]);
    expect((await api.call('DELETE', `/connections/${created.body.id}`)).status).toBe(202);
    const gone = await api.call('GET', `/connections/${created.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('The connection does not exist');
  });

  it('adds, lists and removes role permissions', async () => {
    await api.call('POST', '/resource-servers', {
      identifier: 'https://perm.example.com',
      scopes: [{ value: 'read:a' }, { value: 'read:b' }],
    });
    const role = await api.call('POST', '/roles', { name: 'perm-role' });
    const permissions = ['read:a', 'read:b'].map((name) => ({
      resource_server_identifier: 'https://perm.example.com',
      permission_name: name,
    }));
    expect((await api.call('POST', `/roles/${role.body.id}/permissions`, { permissions })).status).toBe(201);
    await api.call('DELETE', `/roles/${role.body.id}/permissions`, { permissions: [permissions[0]] });
    const listed = await api.call('GET', `/roles/${role.body.id}/permissions`);
    expect(listed.body.map((p: { permission_name: string }) => p.permission_name)).toEqual(['read:b']);
    expect((await api.call('DELETE', `/roles/${role.body.id}`)).status).toBeLessThan(300);
    expect((await api.call('DELETE', `/roles/${role.body.id}`)).status).toBe(404);
  });

  it('builds, deploys and binds actions, and refuses to delete a bound one without force', async () => {
    const action = await api.call('POST', '/actions/actions', {
      name: 'flow',
      code: 'x',
      supported_triggers: [{ id: 'post-login', version: 'v3' }],
    });
    const early = await api.call('POST', `/actions/actions/${action.body.id}/deploy`);
    expect(early.status).toBe(400);
    expect(early.body.message).toBe("A draft must be in the 'built' state before it can be deployed.");
    const unbindable = await api.call('PATCH', '/actions/triggers/post-login/bindings', {
      bindings: [{ ref: { type: 'action_id', value: action.body.id } }],
    });
    expect(unbindable.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await api.call('GET', `/actions/actions/${action.body.id}`)).body.status).toBe('built');
    const first = await api.call('POST', `/actions/actions/${action.body.id}/deploy`);
    expect(first.body.number).toBe(1);
    const bound = await api.call('PATCH', '/actions/triggers/post-login/bindings', {
      bindings: [{ ref: { type: 'action_name', value: 'flow' }, display_name: 'Flow' }],
    });
    expect(bound.status).toBe(200);
    expect(bound.body.bindings[0].display_name).toBe('Flow');
    expect((await api.call('DELETE', `/actions/actions/${action.body.id}`)).status).toBe(409);
    expect((await api.call('DELETE', `/actions/actions/${action.body.id}?force=true`)).status).toBeLessThan(
      300,
    );
    expect((await api.call('GET', '/actions/triggers/post-login/bindings')).body.bindings).toEqual([]);
    expect((await api.call('DELETE', `/actions/actions/${action.body.id}`)).status).toBe(404);
  });

  it('answers DELETE of a missing client, resource server, grant or log stream with 204', async () => {
    for (const path of [
      '/clients/missing',
      '/resource-servers/missing',
      '/client-grants/cgr_missing',
      '/log-streams/lst_0',
    ]) {
      expect((await api.call('DELETE', path)).status, path).toBe(204);
    }
  });

  it('keys email templates by name and answers 409 for a second one', async () => {
    const body = {
      template: 'verify_email',
      body: '<p>hi</p>',
      from: 'me@example.com',
      subject: 'Verify',
      syntax: 'liquid',
      enabled: true,
    };
    expect((await api.call('POST', '/email-templates', body)).status).toBeLessThan(300);
    expect((await api.call('POST', '/email-templates', body)).status).toBe(409);
    const patched = await api.call('PATCH', '/email-templates/verify_email', { subject: 'Please verify' });
    expect(patched.body).toMatchObject({ template: 'verify_email', subject: 'Please verify' });
  });

  it("lists a client's connections from the connections' enabled clients", async () => {
    const client = await api.call('POST', '/clients', { name: 'with-connections' });
    const connection = await api.call('POST', '/connections', {
      name: 'for-client',
      strategy: 'auth0',
      enabled_clients: [client.body.client_id],
    });
    const listed = await api.call('GET', `/clients/${client.body.client_id}/connections?take=10`);
    expect(listed.body.connections.map((c: { id: string }) => c.id)).toEqual([connection.body.id]);
  });

  it('answers singletons generically, including ones created by POST', async () => {
    expect(
      (
        await api.call('POST', '/emails/provider', {
          name: 'smtp',
          credentials: { smtp_host: 'smtp.example.com', smtp_port: 587, smtp_user: 'u', smtp_pass: 'p' },
        })
      ).status,
    ).toBeLessThan(300);
    expect((await api.call('GET', '/emails/provider')).body.name).toBe('smtp');
  });

  it('answers singletons generically', async () => {
    const patched = await api.call('PATCH', '/tenants/settings', { friendly_name: 'Acme' });
    expect(patched.status).toBe(200);
    expect((await api.call('GET', '/tenants/settings')).body.friendly_name).toBe('Acme');
  });
});
