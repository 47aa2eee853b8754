// End to end over real HTTP, beyond one field per type: nested fields converge, a client
// deleted while a connection stops enabling it, saved plans (and stale ones), --only.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJson, withExampleTenant } from './fixtures/tenant-harness.ts';

const t = withExampleTenant({
  prepare: (config) =>
    config.edit(
      'enabled_clients: [Acme Travel (SPA)]',
      'enabled_clients: [Acme Travel (SPA), Acme Billing Service]',
    ),
  apply: true,
});

type Plan = Awaited<ReturnType<typeof planJson>>;
const summary = (plan: Plan) => plan.changes.map((c) => [c.address, c.action, c.fields.map((f) => f.path)]);

/** Applies with `extra` flags and checks the next plan with the same flags is empty. */
async function applyConverges(extra: string[] = []): Promise<void> {
  const applied = await t.h.run(['apply', '-c', t.config.dir, '--auto-approve', ...extra]);
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect((await planJson(t.h, ['-c', t.config.dir, ...extra])).changes).toEqual([]);
}

describe.sequential('edges', () => {
  it('nested and set-like fields are added, changed, and converge', async () => {
    t.config.edit(
      '  idle_session_lifetime: 24\n',
      '  idle_session_lifetime: 24\n  flags:\n    enable_client_connections: false\n',
    );
    t.config.edit(
      '    oidc_conformant: true\n',
      '    oidc_conformant: true\n    jwt_configuration:\n      lifetime_in_seconds: 3600\n',
    );
    t.config.edit(
      '    dependencies: []\n',
      "    dependencies:\n      - { name: lodash, version: '4.17.21' }\n",
    );
    t.config.edit(
      '    - action: add-roles-to-token\n',
      '    - action: add-roles-to-token\n      display_name: Roles in tokens\n',
    );
    t.config.edit(
      '    type: http\n',
      '    type: http\n    filters:\n      - { type: category, name: auth.login.fail }\n',
    );
    // A tenant always has its flags (as a real one does): setting one is a nested change.
    expect(summary(await planJson(t.h, ['-c', t.config.dir]))).toEqual([
      ['tenant.default', 'update', ['flags.enable_client_connections']],
      ['clients.Acme Travel (SPA)', 'update', ['jwt_configuration.lifetime_in_seconds']],
      ['actions.add-roles-to-token', 'update', ['dependencies']],
      ['log_streams.Acme SIEM', 'update', ['filters']],
      // The bindings wait for the update that deploys the action they bind.
      ['triggers.post-login', 'update', ['bindings']],
    ]);
    await applyConverges();

    t.config.edit('lifetime_in_seconds: 3600', 'lifetime_in_seconds: 7200');
    t.config.edit('enable_client_connections: false', 'enable_client_connections: true');
    t.config.edit(
      "{ value: 'read:bookings', description: Read bookings }",
      "{ value: 'read:bookings', description: Read all bookings }",
    );
    t.config.edit('runtime: node22', 'runtime: node18');
    expect(summary(await planJson(t.h, ['-c', t.config.dir]))).toEqual([
      ['tenant.default', 'update', ['flags.enable_client_connections']],
      ['clients.Acme Travel (SPA)', 'update', ['jwt_configuration.lifetime_in_seconds']],
      ['resource_servers.https://api.acme.example/bookings', 'update', ['scopes']],
      ['actions.add-roles-to-token', 'update', ['runtime']],
    ]);
    await applyConverges();
  });

  it('a client no longer enabled on a connection is deleted after the connection stops enabling it', async () => {
    t.config.write(
      'tenant.yaml',
      t.config
        .read('tenant.yaml')
        .replace(/ {2}- name: Acme Billing Service\n(?: {4}.*\n)+/, '')
        .replace(/client_grants:\n(?: {2}.*\n)+/, '')
        .replace(
          'enabled_clients: [Acme Travel (SPA), Acme Billing Service]',
          'enabled_clients: [Acme Travel (SPA)]',
        ),
    );
    const flags = ['--allow-delete', 'clients,client_grants'];
    const plan = await planJson(t.h, ['-c', t.config.dir, ...flags]);
    const client = plan.changes.find((c) => c.address === 'clients.Acme Billing Service')!;
    expect(client.action).toBe('delete');
    expect(client.dependsOn).toEqual(
      expect.arrayContaining([
        'connections.acme-customers',
        'client_grants.Acme Billing Service → https://api.acme.example/bookings',
      ]),
    );
    const start = t.h.requests.length;
    await applyConverges(flags);
    const sent = t.h.requests.slice(start).map((r) => `${r.method} ${r.path}`);
    const unlink = sent.findIndex((r) => /^PATCH \/connections\/.+\/clients$/.test(r));
    const clientDeletes = sent.map((r, i) => (/^DELETE \/clients\//.test(r) ? i : -1)).filter((i) => i >= 0);
    expect(unlink).toBeGreaterThanOrEqual(0);
    expect(Math.max(...clientDeletes)).toBeGreaterThan(unlink);
  });

  it('applies a saved plan, and refuses one made stale by a change to the tenant', async () => {
    const file = join(t.config.dir, 'plan.json');
    t.config.edit(' session_lifetime: 72', ' session_lifetime: 48');
    expect((await t.h.run(['plan', '-c', t.config.dir, '--out', file])).code).toBe(0);
    expect((await t.h.run(['apply', file])).code).toBe(0);
    expect((await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode'])).code).toBe(0);

    t.config.edit(' session_lifetime: 48', ' session_lifetime: 30');
    expect((await t.h.run(['plan', '-c', t.config.dir, '--out', file])).code).toBe(0);
    t.config.edit(' session_lifetime: 30', ' session_lifetime: 12');
    expect((await t.h.run(['apply', '-c', t.config.dir, '--auto-approve'])).code).toBe(0);
    const before = t.h.writes().length;
    const stale = await t.h.run(['apply', file]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/tenant\.default has changed/);
    expect(t.h.writes().length).toBe(before);
  });

  it('--only plans and applies the listed types only', async () => {
    t.config.edit('description: The customer-facing booking app.', 'description: The booking app.');
    t.config.edit('token_lifetime: 3600', 'token_lifetime: 60');
    expect(summary(await planJson(t.h, ['-c', t.config.dir, '--only', 'clients']))).toEqual([
      ['clients.Acme Travel (SPA)', 'update', ['description']],
    ]);
    await applyConverges(['--only', 'clients']);
    expect(summary(await planJson(t.h, ['-c', t.config.dir]))).toEqual([
      ['resource_servers.https://api.acme.example/bookings', 'update', ['token_lifetime']],
    ]);
    await applyConverges();
  });

  it('a change the API refuses is reported with its message; independent ones go on; fixing it converges', async () => {
    // Config cannot see this one coming: a secret over the API's 1 MiB payload limit.
    t.config.edit(
      'actions:\n',
      "actions:\n  - name: m2m-claims\n    runtime: node22\n    code: !file actions/add-roles-to-token.js\n    supported_triggers:\n      - { id: post-login, version: v3 }\n    secrets:\n      - { name: KEY, value: '${BIG_KEY}' }\n",
    );
    t.config.edit(
      '    - action: add-roles-to-token\n',
      '    - action: m2m-claims\n    - action: add-roles-to-token\n',
    );
    t.config.edit('description: The booking app.', 'description: The booking app (v2).');
    const env = { BIG_KEY: 'k'.repeat(1_100_000) };
    const failed = await t.h.run(['apply', '-c', t.config.dir, '--auto-approve'], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /actions\.m2m-claims … failed .*Payload content length greater than maximum/,
    );
    expect(failed.stdout).toMatch(/clients\.Acme Travel \(SPA\) … updated/);
    // The binding waits for its action: not attempted.
    expect(failed.stdout).not.toMatch(/triggers\.post-login … updated/);
    const next = await planJson(t.h, ['-c', t.config.dir], env);
    expect(next.changes.map((c) => [c.address, c.action])).toEqual([
      ['actions.m2m-claims', 'create'],
      ['triggers.post-login', 'update'],
    ]);

    t.config.edit("    secrets:\n      - { name: KEY, value: '${BIG_KEY}' }\n", '');
    await applyConverges();
  });

  it('system objects are never changed or deleted, even with --allow-delete', async () => {
    await applyConverges(['--allow-delete']);
    const store = t.h.emulator.store;
    const clients = [...store.collection('/clients').values()] as {
      name: string;
      client_id: string;
      global?: boolean;
    }[];
    expect(clients.some((c) => c.global)).toBe(true);
    expect(clients.map((c) => c.client_id)).toContain(t.h.env.AUTH0_CLIENT_ID);
    const grants = [...store.collection('/client-grants').values()] as { client_id: string }[];
    expect(grants.map((g) => g.client_id)).toContain(t.h.env.AUTH0_CLIENT_ID);
    const apis = [...store.collection('/resource-servers').values()] as { is_system?: boolean }[];
    expect(apis.some((a) => a.is_system)).toBe(true);

    // Naming one in the config is an error, not a change.
    t.config.edit('clients:\n', 'clients:\n  - name: All Applications\n    description: mine now\n');
    const before = t.h.writes().length;
    const refused = await t.h.run(['apply', '-c', t.config.dir, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/clients\.All Applications is a system object/);
    expect(t.h.writes().length).toBe(before);
    t.config.edit('  - name: All Applications\n    description: mine now\n', '');
  });
});
