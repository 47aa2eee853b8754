// End to end over real HTTP: examples/basic applied to an empty emulated tenant converges;
// then one field of each type changes, the plan shows exactly that field of exactly that
// object, apply does it, and the plan is empty again.

import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJson, withExampleTenant } from './fixtures/tenant-harness.ts';

const t = withExampleTenant();

async function applyAndConverge(): Promise<void> {
  const applied = await t.h.run(['apply', '-c', t.config.dir, '--auto-approve']);
  expect(applied.stderr).not.toMatch(/Error|failed/);
  expect(applied.code).toBe(0);
  const again = await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode']);
  expect(again.stdout).toContain('No changes');
  expect(again.code).toBe(0);
}

/**
 * Edits the config, checks the plan changes exactly `path` of exactly `address` (and lists
 * the secrets sent along with it, `resent`), applies, converges.
 */
async function changeOne(
  address: string,
  path: string,
  edit: () => void,
  resent: string[] = [],
): Promise<void> {
  edit();
  const plan = await planJson(t.h, ['-c', t.config.dir]);
  expect(plan.changes.map((c) => [c.address, c.action])).toEqual([[address, 'update']]);
  expect(plan.changes[0].fields.filter((f) => !f.secretWrite).map((f) => f.path)).toEqual([path]);
  expect(plan.changes[0].fields.filter((f) => f.secretWrite).map((f) => f.path)).toEqual(resent);
  await applyAndConverge();
}

describe.sequential('examples/basic, end to end', () => {
  it('applies to an empty tenant, then plans no changes (exit 0 with --detailed-exitcode)', async () => {
    const first = await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode']);
    expect(first.code).toBe(2);
    await applyAndConverge();
    const plan = await planJson(t.h, ['-c', t.config.dir]);
    expect(plan.changes).toEqual([]);
    expect(plan.summary).toMatchObject({ create: 0, update: 0, replace: 0, delete: 0, unchanged: 12 });
  });

  it('tenant settings: one field', () =>
    changeOne('tenant.default', 'friendly_name', () =>
      t.config.edit('friendly_name: Acme Travel', 'friendly_name: Acme Journeys'),
    ));

  it('clients: one field', () =>
    changeOne('clients.Acme Travel (SPA)', 'description', () =>
      t.config.edit('The customer-facing booking app.', 'The booking app.'),
    ));

  it('resource_servers: one field', () =>
    changeOne('resource_servers.https://api.acme.example/bookings', 'token_lifetime', () =>
      t.config.edit('token_lifetime: 3600', 'token_lifetime: 7200'),
    ));

  it('client_grants: the scope', () =>
    changeOne('client_grants.Acme Billing Service → https://api.acme.example/bookings', 'scope', () =>
      t.config.edit("scope: ['read:bookings']", "scope: ['read:bookings', 'write:bookings']"),
    ));

  it('connections: enabled_clients', () =>
    changeOne('connections.acme-customers', 'enabled_clients', () =>
      t.config.edit(
        'enabled_clients: [Acme Travel (SPA)]',
        'enabled_clients: [Acme Travel (SPA), Acme Billing Service]',
      ),
    ));

  it('connections: an options key', () =>
    changeOne('connections.acme-customers', 'options.passwordPolicy', () =>
      t.config.edit('passwordPolicy: good', 'passwordPolicy: excellent'),
    ));

  it('roles: a permission', () =>
    changeOne('roles.Travel Agent', 'permissions', () =>
      t.config.edit(
        'description: Books trips for customers.\n    permissions:\n',
        "description: Books trips for customers.\n    permissions:\n      - { resource_server: https://api.acme.example/bookings, name: 'admin:bookings' }\n",
      ),
    ));

  it('roles: a permission removed', () =>
    changeOne('roles.Travel Agent', 'permissions', () =>
      t.config.edit(
        "permissions:\n      - { resource_server: https://api.acme.example/bookings, name: 'admin:bookings' }\n",
        'permissions:\n',
      ),
    ));

  it('actions: the code', () =>
    changeOne('actions.add-roles-to-token', 'code', () =>
      appendFileSync(join(t.config.dir, 'actions/add-roles-to-token.js'), '// reviewed\n'),
    ));

  it('triggers: the order of bindings', async () => {
    // A second action bound after the first…
    writeFileSync(join(t.config.dir, 'actions/audit.js'), 'exports.onExecutePostLogin = async () => {};\n');
    t.config.edit(
      'triggers:\n  post-login:\n    - action: add-roles-to-token\n',
      'triggers:\n  post-login:\n    - action: add-roles-to-token\n    - action: audit-login\n',
    );
    t.config.edit(
      'actions:\n',
      'actions:\n  - name: audit-login\n    runtime: node22\n    code: !file actions/audit.js\n    supported_triggers:\n      - { id: post-login, version: v3 }\n',
    );
    const plan = await planJson(t.h, ['-c', t.config.dir]);
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
      ['actions.audit-login', 'create'],
      ['triggers.post-login', 'update'],
    ]);
    await applyAndConverge();
    // …then the order swapped.
    await changeOne('triggers.post-login', 'bindings', () =>
      t.config.edit(
        '    - action: add-roles-to-token\n    - action: audit-login\n',
        '    - action: audit-login\n    - action: add-roles-to-token\n',
      ),
    );
    const bindings = (await t.h.get('/actions/triggers/post-login/bindings')) as {
      bindings: { action: { name: string } }[];
    };
    expect(bindings.bindings.map((b) => b.action.name)).toEqual(['audit-login', 'add-roles-to-token']);
  });

  it('log_streams: a sink field (the sink is sent whole, its token with it: listed)', () =>
    changeOne(
      'log_streams.Acme SIEM',
      'sink.httpEndpoint',
      () => t.config.edit('https://siem.acme.example/auth0', 'https://siem.acme.example/v2/auth0'),
      ['sink.httpAuthorization'],
    ));

  it('a changed secret shows as a sensitive field and is applied', async () => {
    const env = { SIEM_TOKEN: 'Bearer rotated-e2e-token' };
    const result = await t.h.run(['plan', '-c', t.config.dir, '--format', 'json'], env);
    const plan = JSON.parse(result.stdout) as Awaited<ReturnType<typeof planJson>>;
    expect(plan.changes.map((c) => c.address)).toEqual(['log_streams.Acme SIEM']);
    expect(plan.changes[0].fields).toEqual([
      { path: 'sink.httpAuthorization', before: '(sensitive)', after: '(sensitive)', sensitive: true },
    ]);
    expect((await t.h.run(['apply', '-c', t.config.dir, '--auto-approve'], env)).code).toBe(0);
    expect((await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode'], env)).code).toBe(0);
  });
});
