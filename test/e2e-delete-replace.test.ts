// End to end over real HTTP: objects removed from config are left alone (and counted) unless
// deletion is allowed, then deleted in reverse dependency order; a change to an immutable
// field is a replace (`-/+`) that apply carries out.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockRequests, planJson, withExampleTenant } from './fixtures/tenant-harness.ts';

const t = withExampleTenant({ apply: true });

const DELETABLE = 'clients,client_grants,actions,triggers';
const GRANT = 'client_grants.Acme Billing Service → https://api.acme.example/bookings';

function indexOfRequest(method: string, path: string | RegExp, from = 0): number {
  return t.h.requests.findIndex(
    (r, i) =>
      i >= from && r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  );
}

describe.sequential('deletes and replaces', () => {
  it('leaves objects removed from the config alone, and counts them as unmanaged', async () => {
    // Remove the M2M client with its grant, and the action with its trigger binding.
    const text = t.config.read('tenant.yaml');
    t.config.write(
      'tenant.yaml',
      text
        .replace(/ {2}- name: Acme Billing Service\n(?: {4}.*\n)+/, '')
        .replace(/client_grants:\n(?: {2}.*\n)+/, '')
        .replace(/actions:\n(?: {2}.*\n)+/, '')
        .replace(/triggers:\n(?: {2}.*\n)+/, ''),
    );
    const plan = await planJson(t.h, ['-c', t.config.dir]);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((u) => `${u.type}.${u.key}`)).toEqual(
      expect.arrayContaining([
        'clients.Acme Billing Service',
        GRANT,
        'actions.add-roles-to-token',
        'triggers.post-login',
      ]),
    );
    expect(plan.summary.unmanaged).toBe(plan.unmanaged.length);
    const text2 = await t.h.run(['plan', '-c', t.config.dir]);
    expect(text2.stdout).toMatch(/\d+ objects in the tenant are not in the config and left alone/);

    const before = t.h.writes().length;
    const applied = await t.h.run(['apply', '-c', t.config.dir, '--auto-approve']);
    expect(applied.code).toBe(0);
    expect(t.h.writes().length).toBe(before);
    const clients = (await t.h.get('/clients')) as { name: string }[];
    expect(clients.map((c) => c.name)).toContain('Acme Billing Service');
  });

  it('with --allow-delete, deletes them in reverse dependency order', async () => {
    const clientId = ((await t.h.get('/clients')) as { name: string; client_id: string }[]).find(
      (c) => c.name === 'Acme Billing Service',
    )!.client_id;
    const actionId = (
      (await t.h.get('/actions/actions')) as { actions: { name: string; id: string }[] }
    ).actions.find((a) => a.name === 'add-roles-to-token')!.id;

    const plan = await planJson(t.h, ['-c', t.config.dir, '--allow-delete', DELETABLE]);
    const deletes = plan.changes.filter((c) => c.action === 'delete').map((c) => c.address);
    expect(deletes).toEqual(
      expect.arrayContaining([
        'clients.Acme Billing Service',
        GRANT,
        'actions.add-roles-to-token',
        'triggers.post-login',
      ]),
    );
    expect(deletes.indexOf(GRANT)).toBeLessThan(deletes.indexOf('clients.Acme Billing Service'));
    expect(deletes.indexOf('triggers.post-login')).toBeLessThan(
      deletes.indexOf('actions.add-roles-to-token'),
    );
    expect(plan.changes.find((c) => c.address === 'clients.Acme Billing Service')!.dependsOn).toContain(
      GRANT,
    );
    expect(plan.changes.find((c) => c.address === 'actions.add-roles-to-token')!.dependsOn).toContain(
      'triggers.post-login',
    );

    const start = t.h.requests.length;
    const applied = await t.h.run([
      'apply',
      '-c',
      t.config.dir,
      '--auto-approve',
      '--allow-delete',
      DELETABLE,
    ]);
    expect(applied.code).toBe(0);

    // The API saw the grant deleted before its client, and the trigger unbound before its action.
    const grantDelete = indexOfRequest('DELETE', /^\/client-grants\//, start);
    const clientDelete = indexOfRequest('DELETE', `/clients/${clientId}`, start);
    const unbind = indexOfRequest('PATCH', '/actions/triggers/post-login/bindings', start);
    const actionDelete = indexOfRequest('DELETE', `/actions/actions/${actionId}`, start);
    for (const i of [grantDelete, clientDelete, unbind, actionDelete]) expect(i).toBeGreaterThanOrEqual(0);
    expect(grantDelete).toBeLessThan(clientDelete);
    expect(unbind).toBeLessThan(actionDelete);
    expect(JSON.parse(t.h.requests[unbind].body)).toEqual({ bindings: [] });
    // The apply output reports them in the same order.
    const lines = applied.stdout.split('\n');
    const line = (address: string) => lines.findIndex((l) => l.includes(address) && /deleted/.test(l));
    expect(line(GRANT)).toBeLessThan(line('clients.Acme Billing Service'));
    expect(line('triggers.post-login')).toBeLessThan(line('actions.add-roles-to-token'));

    const again = await t.h.run([
      'plan',
      '-c',
      t.config.dir,
      '--detailed-exitcode',
      '--allow-delete',
      DELETABLE,
    ]);
    expect(again.code).toBe(0);
    const clients = (await t.h.get('/clients')) as { name: string }[];
    expect(clients.map((c) => c.name)).not.toContain('Acme Billing Service');
    // The deployer's own client (a system object) is never deleted.
    expect(clients.map((c) => c.name)).toContain('tenantform deployer');
  });

  it('a log stream type change is a replace (-/+), applied as delete then create', async () => {
    t.config.write(
      'tenant.yaml',
      t.config
        .read('tenant.yaml')
        .replace(
          /log_streams:\n(?: {2}.*\n?)+/,
          "log_streams:\n  - name: Acme SIEM\n    type: datadog\n    sink:\n      datadogRegion: us\n      datadogApiKey: '${DD_KEY:-dd-demo-key}'\n",
        ),
    );
    const plan = await planJson(t.h, ['-c', t.config.dir]);
    expect(plan.changes.map((c) => [c.address, c.action, c.replaceReason])).toEqual([
      ['log_streams.Acme SIEM', 'replace', ['type']],
    ]);
    const text = await t.h.run(['plan', '-c', t.config.dir]);
    expect(text.stdout).toContain('-/+ log_streams.Acme SIEM');

    const oldId = ((await t.h.get('/log-streams')) as { id: string; name: string }[]).find(
      (s) => s.name === 'Acme SIEM',
    )!.id;
    const start = t.h.requests.length;
    expect((await t.h.run(['apply', '-c', t.config.dir, '--auto-approve'])).code).toBe(0);
    const del = indexOfRequest('DELETE', `/log-streams/${oldId}`, start);
    const post = indexOfRequest('POST', '/log-streams', start);
    expect(del).toBeGreaterThanOrEqual(0);
    expect(post).toBeGreaterThan(del);
    const streams = (await t.h.get('/log-streams')) as { name: string; type: string }[];
    expect(streams.filter((s) => s.name === 'Acme SIEM').map((s) => s.type)).toEqual(['datadog']);
    expect((await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode'])).code).toBe(0);
  });

  it('a connection strategy change is a replace that keeps its enabled clients', async () => {
    t.config.edit('strategy: auth0', 'strategy: email');
    t.config.edit(
      '    options:\n      requires_username: false\n      brute_force_protection: true\n      passwordPolicy: good\n      password_complexity_options: { min_length: 10 }\n',
      '    options:\n      brute_force_protection: true\n',
    );
    const plan = await planJson(t.h, ['-c', t.config.dir]);
    // The replace gives the connection a new id and the tenant drops the organization's link
    // to the old one, so the same plan links the organization to the new connection.
    expect(plan.changes.map((c) => [c.address, c.action, c.replaceReason])).toEqual([
      ['connections.acme-customers', 'replace', ['strategy']],
      ['organizations.globex-travel', 'update', undefined],
    ]);
    expect(plan.changes[1]!.dependsOn).toEqual(['connections.acme-customers']);
    expect((await t.h.run(['plan', '-c', t.config.dir])).stdout).toContain('-/+ connections.acme-customers');
    const applied = await t.h.run(['apply', '-c', t.config.dir, '--auto-approve']);
    expect(applied.stderr).not.toMatch(/Error/);
    expect(applied.code).toBe(0);
    const connections = (await t.h.get('/connections')) as { id: string; name: string; strategy: string }[];
    const replaced = connections.filter((c) => c.name === 'acme-customers');
    expect(replaced.map((c) => c.strategy)).toEqual(['email']);
    const enabled = (await t.h.get(`/connections/${replaced[0].id}/clients`)) as {
      clients: { client_id: string }[];
    };
    const spa = ((await t.h.get('/clients')) as { name: string; client_id: string }[]).find(
      (c) => c.name === 'Acme Travel (SPA)',
    )!;
    expect(enabled.clients.map((c) => c.client_id)).toEqual([spa.client_id]);
    expect((await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode'])).code).toBe(0);
  });

  it('an action dropped from a trigger that stays is unbound (trigger update) before it is deleted', async () => {
    writeFileSync(join(t.config.dir, 'actions/audit.js'), 'exports.onExecutePostLogin = async () => {};\n');
    const action = (name: string, file: string) =>
      `  - name: ${name}\n    runtime: node22\n    code: !file actions/${file}\n    supported_triggers:\n      - { id: post-login, version: v3 }\n`;
    t.config.write(
      'tenant.yaml',
      `${t.config.read('tenant.yaml')}\nactions:\n${action('add-roles-to-token', 'add-roles-to-token.js')}${action('audit-login', 'audit.js')}` +
        '\ntriggers:\n  post-login: [add-roles-to-token, audit-login]\n',
    );
    expect((await t.h.run(['apply', '-c', t.config.dir, '--auto-approve'])).code).toBe(0);

    t.config.write(
      'tenant.yaml',
      t.config
        .read('tenant.yaml')
        .replace(action('audit-login', 'audit.js'), '')
        .replace('[add-roles-to-token, audit-login]', '[add-roles-to-token]'),
    );
    const plan = await planJson(t.h, ['-c', t.config.dir, '--allow-delete', 'actions']);
    expect(plan.changes.map((c) => [c.address, c.action, c.dependsOn])).toEqual([
      ['triggers.post-login', 'update', []],
      ['actions.audit-login', 'delete', ['triggers.post-login']],
    ]);
    const start = t.h.requests.length;
    expect(
      (await t.h.run(['apply', '-c', t.config.dir, '--auto-approve', '--allow-delete', 'actions'])).code,
    ).toBe(0);
    const lock = lockRequests(t.h.requests);
    const writes = t.h.requests
      .slice(start)
      .filter((r) => r.method !== 'GET' && r.path !== '/oauth/token' && !lock.has(r));
    expect(writes.map((r) => `${r.method} ${r.path.replace(/[^/]+$/, ':id')}`)).toEqual([
      'PATCH /actions/triggers/post-login/:id',
      'DELETE /actions/actions/:id',
    ]);
    expect(
      (await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode', '--allow-delete', 'actions'])).code,
    ).toBe(0);
  });
});
