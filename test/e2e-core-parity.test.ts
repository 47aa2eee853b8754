// The core types where the real API imposes a shape: a connection's clients written in
// chunks of 50 after the connection is created, roles listed as the tenant's own only, a
// permission written twice, and an apply interrupted between an action's update and its
// deploy that the next run finishes in one go.

import { generateKeyPairSync } from 'node:crypto';
import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planJson, startHarness, tempDir, withTenantDir } from './fixtures/tenant-harness.ts';

describe('core types against the API’s rules', () => {
  const t = withTenantDir();
  const apply = async () => {
    const result = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  };
  /** The writes an apply of the current config sends, as `METHOD /path`. */
  const writesOfApply = async () => {
    const start = t.h.writes().length;
    await apply();
    return t.h
      .writes()
      .slice(start)
      .map((r) => `${r.method} ${r.path}`);
  };
  const converged = async () => {
    const result = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode']);
    expect(result.code, result.stdout).toBe(0);
  };

  it('a connection with 120 clients: created without them, then set in three chunked requests', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `App ${String(i).padStart(3, '0')}`);
    t.dir.write(
      'tenant.yaml',
      [
        'clients:',
        ...names.map((n) => `  - { name: '${n}', app_type: spa }`),
        'connections:',
        `  - { name: many-apps, strategy: auth0, enabled_clients: [${names.map((n) => `'${n}'`).join(', ')}] }`,
      ].join('\n'),
    );
    const start = t.h.requests.length;
    await apply();
    const writes = t.h.requests
      .slice(start)
      .filter((r) => r.method !== 'GET' && r.path.startsWith('/connections'));
    const created = writes.find((r) => r.method === 'POST' && r.path === '/connections');
    expect(JSON.parse(created!.body)).not.toHaveProperty('enabled_clients');
    const chunks = writes.filter((r) => r.method === 'PATCH' && r.path.endsWith('/clients'));
    expect(chunks.map((r) => (JSON.parse(r.body) as unknown[]).length)).toEqual([50, 50, 20]);
    await converged();
  });

  it('a role listing a permission twice converges; roles organizations own are not the tenant’s', async () => {
    t.h.emulator.store.collection('/roles').set('rol_orgowned000001', {
      id: 'rol_orgowned000001',
      name: 'Org Operator',
      type: 'organization',
      owner_id: 'org_0000000000000001',
    });
    t.dir.write(
      'tenant.yaml',
      [
        'resource_servers:',
        "  - { identifier: 'https://twice.example', name: Twice, scopes: [{ value: 'read:x' }] }",
        'roles:',
        '  - name: Twice',
        '    permissions:',
        "      - { resource_server: 'https://twice.example', name: 'read:x' }",
        "      - { resource_server: 'https://twice.example', name: 'read:x' }",
      ].join('\n'),
    );
    await apply();
    await converged();
    const plan = await planJson(t.h, ['-c', t.dir.dir, '--allow-delete=roles']);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((u) => u.address)).not.toContain('roles.Org Operator');
  });

  it('an action updated but never deployed (an interrupted apply) is deployed before its binding, in one run', async () => {
    const code = 'exports.onExecutePostLogin = async () => {};\n';
    t.dir.write(
      'tenant.yaml',
      [
        'actions:',
        '  - name: half-done',
        '    runtime: node22',
        `    code: ${JSON.stringify(code)}`,
        '    supported_triggers: [{ id: post-login, version: v3 }]',
        'triggers:',
        '  post-login: [half-done]',
      ].join('\n'),
    );
    // What an apply interrupted after the create, before the deploy, leaves behind.
    await t.h.api('POST', '/actions/actions', {
      name: 'half-done',
      runtime: 'node22',
      code,
      supported_triggers: [{ id: 'post-login', version: 'v3' }],
    });
    const plan = await planJson(t.h, ['-c', t.dir.dir]);
    const binding = plan.changes.find((c) => c.address === 'triggers.post-login');
    expect(binding?.dependsOn).toEqual(['actions.half-done']);
    await apply();
    await converged();
  });

  it('the Management API (a system object) takes only the settings its owner may choose', async () => {
    const identifier = `https://127.0.0.1:${t.h.emulator.port}/api/v2/`;
    t.dir.write(
      'tenant.yaml',
      `resource_servers:\n  - { identifier: '${identifier}', token_lifetime: 7200 }\n`,
    );
    const plan = await planJson(t.h, ['-c', t.dir.dir]);
    expect(plan.changes.map((c) => [c.address, c.action, c.fields.map((f) => f.path), c.note])).toEqual([
      [
        `resource_servers.${identifier}`,
        'update',
        ['token_lifetime'],
        expect.stringMatching(/^a system object: only token_lifetime/),
      ],
    ]);
    await apply();
    await converged();

    t.dir.write('tenant.yaml', `resource_servers:\n  - { identifier: '${identifier}', scopes: [] }\n`);
    const refused = await t.h.run(['plan', '-c', t.dir.dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/system object.*remove scopes/);
  });

  it('a client with private-key JWT credentials from PEM files: created, pointed at, converged, never shown', async () => {
    const pem = () =>
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
        type: 'spki',
        format: 'pem',
      }) as string;
    const [first, second] = [pem(), pem()];
    t.dir.write('keys/first.pem', first);
    t.dir.write('keys/second.pem', second);
    const client = (credentials: string[]) =>
      [
        'clients:',
        '  - name: Signed Worker',
        '    app_type: non_interactive',
        '    client_authentication_methods:',
        '      private_key_jwt:',
        '        credentials:',
        ...credentials,
      ].join('\n');
    t.dir.write('tenant.yaml', client(['          - { name: first, pem: !file keys/first.pem }']));
    const plan = await t.h.run(['plan', '-c', t.dir.dir]);
    expect(plan.code, plan.stderr).toBe(0);
    await apply();
    await converged();
    const [stored] = t.h.emulator.store.filterBy('/clients', 'name', 'Signed Worker');
    const listed = await t.h.get<{ id: string; name: string; pem?: string }[]>(
      `/clients/${stored!.client_id}/credentials`,
    );
    expect(listed.map((c) => [c.name, c.pem])).toEqual([['first', undefined]]);
    expect(stored!.client_authentication_methods).toEqual({
      private_key_jwt: { credentials: [{ id: listed[0]!.id }] },
    });
    expect(stored!.token_endpoint_auth_method).toBeUndefined();

    // A second key added, the first retired: one create, the client pointed at the new one, one delete.
    t.dir.write(
      'tenant.yaml',
      client(['          - { name: second, pem: !file keys/second.pem, alg: RS384 }']),
    );
    const start = t.h.writes().length;
    await apply();
    expect(
      t.h
        .writes()
        .slice(start)
        .map((r) => `${r.method} ${r.path.replace(/\/[^/]*_[A-Za-z0-9]{22}$/, '/{credential}')}`),
    ).toEqual([
      `POST /clients/${stored!.client_id}/credentials`,
      `PATCH /clients/${stored!.client_id}`,
      `DELETE /clients/${stored!.client_id}/credentials/{credential}`,
    ]);
    await converged();
    const text = t.h.transcript.join('\n');
    for (const key of [first, second]) expect(text).not.toContain(key.split('\n')[1]);
  });

  it('a custom database: scripts from files, exported as files, its hash action named, strategies’ secrets never shown', async () => {
    const login = 'function login(email, password, callback) { callback(null, { email }); }\n';
    const hashCode = 'exports.onExecuteCustomPasswordHash = async () => {};\n';
    t.dir.write('scripts/login.js', login);
    const secrets = {
      DB_TOKEN: 'db-token-4b1c9e',
      GATEWAY_KEY: 'gateway-key-77a0d2',
      HEADER_KEY: 'Bearer hdr-5c3e81',
    };
    t.dir.write(
      'tenant.yaml',
      [
        'actions:',
        '  - name: legacy-hash',
        '    runtime: node22',
        `    code: ${JSON.stringify(hashCode)}`,
        '    supported_triggers: [{ id: password-hash-migration, version: v1 }]',
        'connections:',
        '  - name: legacy-db',
        '    strategy: auth0',
        '    options:',
        '      enabledDatabaseCustomization: true',
        '      customScripts: { login: !file scripts/login.js, get_user: "function getUser(e, cb) { cb(null); }" }',
        '      configuration: { API_TOKEN: "${DB_TOKEN}" }',
        '      custom_password_hash: { action: legacy-hash }',
        '  - name: texts',
        '    strategy: sms',
        '    options:',
        '      provider: sms_gateway',
        '      gateway_url: https://sms.example/send',
        '      gateway_authentication: { method: bearer, audience: https://sms.example, secret: "${GATEWAY_KEY}" }',
        '  - name: partner-oauth',
        '    strategy: oauth2',
        '    options:',
        '      client_id: partner',
        '      authorizationURL: https://partner.example/authorize',
        '      tokenURL: https://partner.example/token',
        '      customHeaders: { Authorization: "${HEADER_KEY}" }',
      ].join('\n'),
    );
    const plan = await planJson(t.h, ['-c', t.dir.dir], secrets);
    const database = plan.changes.find((c) => c.address === 'connections.legacy-db');
    expect(database?.dependsOn).toContain('actions.legacy-hash');
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], secrets);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const [stored] = t.h.emulator.store.filterBy('/connections', 'name', 'legacy-db');
    const [action] = t.h.emulator.store.filterBy('/actions/actions', 'name', 'legacy-hash');
    expect(stored!.options.custom_password_hash).toEqual({ action_id: action!.id });
    expect(stored!.options.customScripts.login).toBe(login);
    const again = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], secrets);
    expect(again.code, again.stdout).toBe(0);

    const out = tempDir();
    try {
      const exported = await t.h.run(['export', '-o', out.path('exported')], secrets);
      expect(exported.code, exported.stderr).toBe(0);
      expect(out.read('exported/connections/legacy-db/login.js')).toBe(login);
      const yaml = out.read('exported/connections.yaml');
      expect(yaml).toContain('login: !file connections/legacy-db/login.js');
      expect(yaml).toContain('action: legacy-hash');
      // The placeholders export wrote, given the values the tenant has.
      const lines = out.read('exported/secrets.env.example').split('\n');
      const env: Record<string, string> = {};
      lines.forEach((line, i) => {
        const variable = /^([A-Z0-9_]+)=$/.exec(line)?.[1];
        const field = lines[i - 1] ?? '';
        if (!variable) return;
        // Write-only values (other tests' client keys) are not compared: any value does.
        env[variable] = 'write-only';
        if (field.endsWith('API_TOKEN')) env[variable] = secrets.DB_TOKEN;
        else if (field.endsWith('gateway_authentication.secret')) env[variable] = secrets.GATEWAY_KEY;
        else if (field.endsWith('Authorization')) env[variable] = secrets.HEADER_KEY;
      });
      expect(Object.values(env).filter((v) => Object.values(secrets).includes(v))).toHaveLength(3);
      const replanned = await t.h.run(
        ['plan', '-c', out.path('exported'), '--detailed-exitcode', '--only', 'connections'],
        env,
      );
      expect(replanned.code, replanned.stdout + replanned.stderr).toBe(0);
      for (const file of out.files()) t.h.transcript.push(out.read(file));
    } finally {
      out.remove();
    }
    const text = t.h.transcript.join('\n');
    for (const value of Object.values(secrets)) expect(text).not.toContain(value);
  });

  it('an enterprise connection’s inbound SCIM: created with it, a mapping change is one PATCH, converged', async () => {
    const config = (attribute: string) =>
      [
        'connections:',
        '  - name: partner-sso',
        '    strategy: okta',
        '    options: { domain: partner.okta.example, client_id: partner-app, client_secret: "${OKTA_SECRET}" }',
        '    scim_configuration:',
        '      mapping:',
        `        - { auth0: email, scim: 'emails[primary eq true].value' }`,
        `        - { auth0: ${attribute}, scim: userName }`,
      ].join('\n');
    const env = { OKTA_SECRET: 'okta-secret-93ad1f' };
    t.dir.write('tenant.yaml', config('preferred_username'));
    const first = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], env);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const [stored] = t.h.emulator.store.filterBy('/connections', 'name', 'partner-sso');
    const scim = await t.h.get<{ user_id_attribute: string; mapping: unknown[] }>(
      `/connections/${stored!.id}/scim-configuration`,
    );
    expect(scim.user_id_attribute).toBe('externalId');
    expect(scim.mapping).toHaveLength(2);
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], env)).code).toBe(0);

    t.dir.write('tenant.yaml', config('nickname'));
    const start = t.h.writes().length;
    const second = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], env);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(
      t.h
        .writes()
        .slice(start)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual([`PATCH /connections/${stored!.id}/scim-configuration`]);
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], env)).code).toBe(0);
    expect(t.h.transcript.join('\n')).not.toContain(env.OKTA_SECRET);
  });

  it('tenant: flags the API lets change apply with session lifetimes; any other flag is refused with file, line and field', async () => {
    t.dir.write(
      'tenant.yaml',
      [
        'tenant:',
        '  session_lifetime: 48',
        '  idle_session_lifetime: 12',
        '  flags:',
        '    enable_client_connections: false',
        '    revoke_refresh_token_grant: false',
      ].join('\n'),
    );
    await apply();
    await converged();
    expect(await t.h.get('/tenants/settings')).toMatchObject({
      session_lifetime: 48,
      idle_session_lifetime: 12,
      flags: { enable_client_connections: false },
    });

    // A flag the tenant reads back but the API does not let change, and one that does not exist.
    t.dir.write(
      'tenant.yaml',
      [
        'tenant:',
        '  flags:',
        '    enable_sso: true',
        '    dashboard_new_onboarding: true',
        '    made_up_flag: true',
      ].join('\n'),
    );
    const before = t.h.writes().length;
    for (const command of ['validate', 'plan']) {
      const refused = await t.h.run([command, '-c', t.dir.dir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/tenant\.yaml:4:\d+: .*dashboard_new_onboarding/);
      expect(refused.stderr).toMatch(/tenant\.yaml:5:\d+: .*made_up_flag/);
      expect(refused.stderr).not.toMatch(/enable_sso/);
    }
    expect(t.h.writes().length).toBe(before);
  });

  it('an organization’s client grants, by grant key: associated, then dropped, one request each', async () => {
    const api = 'https://org-api.example';
    const config = (grants: string) =>
      [
        'clients:',
        '  - { name: Org Worker, app_type: non_interactive }',
        'resource_servers:',
        `  - { identifier: '${api}', name: Org API, scopes: [{ value: 'read:x' }] }`,
        'client_grants:',
        `  - { client: Org Worker, audience: '${api}', scope: ['read:x'], organization_usage: allow }`,
        'organizations:',
        `  - { name: grantee, client_grants: ${grants} }`,
      ].join('\n');
    t.dir.write('tenant.yaml', config(`['Org Worker → ${api}']`));
    await apply();
    await converged();
    const [org] = t.h.emulator.store.filterBy('/organizations', 'name', 'grantee');
    const [grant] = t.h.emulator.store.filterBy('/client-grants', 'audience', api);
    expect([...t.h.emulator.store.collection(`/organizations/${org!.id}/client-grants`).keys()]).toEqual([
      grant!.id,
    ]);

    t.dir.write('tenant.yaml', config('[]'));
    expect(await writesOfApply()).toEqual([`DELETE /organizations/${org!.id}/client-grants/${grant!.id}`]);
    await converged();
  });

  it('an organization’s discovery domains: added, changed and removed by domain, one request each', async () => {
    const config = (domains: string) =>
      `organizations:\n  - { name: discoverable, discovery_domains: ${domains} }\n`;
    t.dir.write('tenant.yaml', config('[{ domain: a.example }, { domain: b.example }]'));
    await apply();
    await converged();
    const [org] = t.h.emulator.store.filterBy('/organizations', 'name', 'discoverable');
    const stored = [...t.h.emulator.store.collection(`/organizations/${org!.id}/discovery-domains`).values()];
    expect(stored.map((d) => [d.domain, d.status, d.use_for_organization_discovery])).toEqual([
      ['a.example', 'pending', true],
      ['b.example', 'pending', true],
    ]);
    const idOf = (domain: string) => stored.find((d) => d.domain === domain)!.id;

    t.dir.write('tenant.yaml', config('[{ domain: a.example, use_for_organization_discovery: false }]'));
    expect(await writesOfApply()).toEqual([
      `DELETE /organizations/${org!.id}/discovery-domains/${idOf('b.example')}`,
      `PATCH /organizations/${org!.id}/discovery-domains/${idOf('a.example')}`,
    ]);
    await converged();
  });

  it('examples/full/core.yaml applies on an empty tenant and then plans no change', async () => {
    const empty = await startHarness();
    const copy = tempDir();
    try {
      // Only the core example and its files: other parts of examples/full belong to other types.
      cpSync('examples/full/core.yaml', copy.path('core.yaml'));
      cpSync('examples/full/core', copy.path('core'), { recursive: true });
      const env = {
        MEMBERS_TOKEN: 'members-token-example-1',
        PAYMENTS_API_SIGNING_SECRET: 'payments-signing-secret-example',
        AUDIT_LOG_TOKEN: 'audit-log-token-example',
      };
      const applied = await empty.run(['apply', '-c', copy.dir, '--auto-approve'], env);
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      const plan = await empty.run(['plan', '-c', copy.dir, '--detailed-exitcode'], env);
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      const text = empty.transcript.join('\n');
      for (const value of Object.values(env)) expect(text).not.toContain(value);
    } finally {
      copy.remove();
      await empty.close();
    }
  });
});
