// End to end over real HTTP: organizations and their enabled connections (by connection
// name, through /organizations/{id}/connections). Created with their connections, changed
// field by field, enabled connections added, changed and removed one by one, deleted only
// when allowed, exported and planned again.

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConfigDir,
  copyExample,
  type Harness,
  lockRequests,
  planJson,
  startHarness,
  type TempDir,
  tempDir,
} from './fixtures/tenant-harness.ts';

interface Org {
  id: string;
  name: string;
  display_name?: string;
  metadata?: Record<string, string>;
}
interface Enabled {
  connection_id: string;
  assign_membership_on_login: boolean;
  show_as_button: boolean;
  connection: { name: string };
}

/** A second database connection, for organizations that enable more than one. */
const STAFF_CONNECTION = '  - name: globex-staff\n    strategy: auth0\n';
const ORG = 'organizations.globex-travel';

let h: Harness;
let config: ConfigDir;
beforeEach(async () => {
  h = await startHarness();
  config = copyExample();
});
afterEach(async () => {
  await h?.close();
  config?.remove();
});

async function applyAndConverge(dir = config.dir): Promise<void> {
  const applied = await h.run(['apply', '-c', dir, '--auto-approve']);
  expect(applied.stderr).not.toMatch(/Error|failed/);
  expect(applied.code, applied.stdout).toBe(0);
  const again = await h.run(['plan', '-c', dir, '--detailed-exitcode']);
  expect(again.stdout).toContain('No changes');
  expect(again.code).toBe(0);
}

async function orgNamed(name: string): Promise<Org | undefined> {
  const page = await h.get<{ organizations: Org[] }>('/organizations?take=100');
  return page.organizations.find((o) => o.name === name);
}

async function enabledOf(orgId: string): Promise<Enabled[]> {
  return (await h.get<{ connections: Enabled[] }>(`/organizations/${orgId}/connections?include_totals=true`))
    .connections;
}

async function connectionId(name: string): Promise<string> {
  const list = await h.get<{ connections: { id: string; name: string }[] }>('/connections?take=100');
  const found = list.connections.find((c) => c.name === name);
  if (!found) throw new Error(`no connection ${name}`);
  return found.id;
}

/** Writes since request number `from`, as `METHOD path body` (the apply lock's left out). */
function writesSince(from: number): string[] {
  const lock = lockRequests(h.requests);
  return h.requests
    .slice(from)
    .filter((r) => r.method !== 'GET' && r.path !== '/oauth/token' && !lock.has(r))
    .map((r) => `${r.method} ${r.path} ${r.body}`.trim());
}

describe('organizations', () => {
  it('are created with their enabled connections, then plan no change', async () => {
    const plan = await planJson(h, ['-c', config.dir]);
    const create = plan.changes.find((c) => c.address === ORG)!;
    expect(create.action).toBe('create');
    expect(create.dependsOn).toContain('connections.acme-customers');

    const start = h.requests.length;
    await applyAndConverge();
    const org = (await orgNamed('globex-travel'))!;
    expect(org.display_name).toBe('Globex Corporation (business travel)');
    expect(org.metadata).toEqual({ tier: 'gold' });
    const customers = await connectionId('acme-customers');
    expect(await enabledOf(org.id)).toMatchObject([
      { connection_id: customers, assign_membership_on_login: true, show_as_button: true },
    ]);
    const orgWrites = writesSince(start).filter((w) => w.includes('/organizations'));
    expect(orgWrites.map((w) => w.split(' ').slice(0, 2).join(' '))).toEqual([
      'POST /organizations',
      `POST /organizations/${org.id}/connections`,
    ]);
    expect(orgWrites[0]).not.toContain('enabled_connections');
    expect(JSON.parse(orgWrites[1].split(' ').slice(2).join(' '))).toEqual({
      connection_id: customers,
      assign_membership_on_login: true,
      show_as_button: true,
    });
  });

  it('a display_name change is exactly that field, one PATCH', async () => {
    await applyAndConverge();
    const org = (await orgNamed('globex-travel'))!;
    config.edit('display_name: Globex Corporation (business travel)', 'display_name: Globex Corp.');
    const plan = await planJson(h, ['-c', config.dir]);
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([[ORG, 'update']]);
    expect(plan.changes[0].fields).toEqual([
      { path: 'display_name', before: 'Globex Corporation (business travel)', after: 'Globex Corp.' },
    ]);
    const start = h.requests.length;
    await applyAndConverge();
    expect(writesSince(start)).toEqual([`PATCH /organizations/${org.id} {"display_name":"Globex Corp."}`]);
    expect((await orgNamed('globex-travel'))!.display_name).toBe('Globex Corp.');
  });

  it('enabled connections are added, changed and removed one by one', async () => {
    config.edit('\nconnections:\n', `\nconnections:\n${STAFF_CONNECTION}`);
    await applyAndConverge();
    const org = (await orgNamed('globex-travel'))!;
    const customers = await connectionId('acme-customers');
    const staff = await connectionId('globex-staff');

    // Add one, written before the other: order in config does not matter.
    config.edit(
      '    enabled_connections:\n',
      '    enabled_connections:\n      - connection: globex-staff\n        show_as_button: false\n',
    );
    let plan = await planJson(h, ['-c', config.dir]);
    expect(plan.changes.map((c) => [c.address, c.fields.map((f) => f.path)])).toEqual([
      [ORG, ['enabled_connections']],
    ]);
    let start = h.requests.length;
    await applyAndConverge();
    expect(writesSince(start)).toEqual([
      `POST /organizations/${org.id}/connections {"connection_id":"${staff}","assign_membership_on_login":false,"show_as_button":false}`,
    ]);

    // Change a setting of one, remove the other.
    config.edit('      - connection: globex-staff\n        show_as_button: false\n', '');
    config.edit('        assign_membership_on_login: true\n', '        assign_membership_on_login: false\n');
    plan = await planJson(h, ['-c', config.dir]);
    expect(plan.changes.map((c) => [c.address, c.action, c.fields.map((f) => f.path)])).toEqual([
      [ORG, 'update', ['enabled_connections']],
    ]);
    start = h.requests.length;
    await applyAndConverge();
    expect(writesSince(start).sort()).toEqual(
      [
        `PATCH /organizations/${org.id}/connections/${customers} {"assign_membership_on_login":false}`,
        `DELETE /organizations/${org.id}/connections/${staff}`,
      ].sort(),
    );
    expect(await enabledOf(org.id)).toMatchObject([
      { connection_id: customers, assign_membership_on_login: false, connection: { name: 'acme-customers' } },
    ]);
    // The connection itself stays.
    expect(await connectionId('globex-staff')).toBe(staff);
  });

  it('a connection’s access level, name in the organization and enabled flag: one PATCH, converged', async () => {
    await applyAndConverge();
    const org = (await orgNamed('globex-travel'))!;
    const customers = await connectionId('acme-customers');
    config.edit(
      '        assign_membership_on_login: true\n',
      [
        '        assign_membership_on_login: true',
        '        organization_access_level: limited',
        '        organization_connection_name: globex-customers',
        '        is_enabled: false',
        '',
      ].join('\n'),
    );
    const start = h.requests.length;
    await applyAndConverge();
    expect(writesSince(start)).toEqual([
      `PATCH /organizations/${org.id}/connections/${customers} {"is_enabled":false,"organization_access_level":"limited","organization_connection_name":"globex-customers"}`,
    ]);
    expect(await enabledOf(org.id)).toMatchObject([
      { connection_id: customers, is_enabled: false, organization_access_level: 'limited' },
    ]);
  });

  it('an organization left out of config is deleted only with --allow-delete', async () => {
    await applyAndConverge();
    const org = (await orgNamed('globex-travel'))!;
    const text = config.read('tenant.yaml');
    config.write('tenant.yaml', text.replace(/\norganizations:\n[\s\S]*?\n\n/, '\n'));
    expect(config.read('tenant.yaml')).not.toContain('globex');

    const plan = await planJson(h, ['-c', config.dir]);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.map((u) => u.address)).toContain(ORG);

    const start = h.requests.length;
    const applied = await h.run([
      'apply',
      '-c',
      config.dir,
      '--auto-approve',
      '--allow-delete',
      'organizations',
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(writesSince(start)).toEqual([`DELETE /organizations/${org.id}`]);
    expect(await orgNamed('globex-travel')).toBeUndefined();
    const again = await h.run([
      'plan',
      '-c',
      config.dir,
      '--detailed-exitcode',
      '--allow-delete',
      'organizations',
    ]);
    expect(again.code).toBe(0);
  });

  it('an enabled connection that exists neither in config nor tenant is a config error, with no write', async () => {
    config.edit('      - connection: acme-customers\n', '      - connection: nobody-db\n');
    const line = readFileSync(config.file, 'utf8')
      .slice(0, readFileSync(config.file, 'utf8').indexOf('connection: nobody-db'))
      .split('\n').length;
    for (const args of [
      ['plan', '-c', config.dir, '--detailed-exitcode'],
      ['apply', '-c', config.dir, '--auto-approve'],
    ]) {
      const result = await h.run(args);
      expect(result.code, args[0]).toBe(1);
      expect(result.stderr, args[0]).toMatch(new RegExp(`tenant\\.yaml:${line}\\b`));
      expect(result.stderr, args[0]).toMatch(/nobody-db/);
    }
    expect(h.writes()).toEqual([]);
  });

  describe('export', () => {
    let out: TempDir;
    beforeEach(() => {
      out = tempDir();
    });
    afterEach(() => out.remove());

    it('writes organizations by connection name, without server defaults; plan then shows no change', async () => {
      await applyAndConverge();
      // One made by hand, dashboard-style: the server fills in what it was not given.
      const partner = await h.api<{ id: string }>('POST', '/connections', {
        name: 'partner-db',
        strategy: 'auth0',
      });
      const made = await h.api<{ id: string }>('POST', '/organizations', { name: 'initech' });
      await h.api('POST', `/organizations/${made.id}/enabled_connections`, {
        connection_id: partner.id,
        is_signup_enabled: true,
      });

      const exported = await h.run(['export', '-o', out.path('exported')]);
      expect(exported.code, exported.stderr).toBe(0);
      const text = out.read('exported/organizations.yaml');
      expect(text).toContain('globex-travel');
      expect(text).toContain('initech');
      expect(text).toContain('connection: partner-db');
      expect(text).toContain('connection: acme-customers');
      expect(text).not.toMatch(/\b(con|org)_[A-Za-z0-9]{8,}/);
      expect(text).not.toContain('third_party_client_access');
      expect(text).not.toContain('show_as_button'); // at its default everywhere

      const variables = out
        .read('exported/secrets.env.example')
        .split('\n')
        .filter((l) => /^[A-Z0-9_]+=/.test(l))
        .map((l) => l.slice(0, -1));
      const env = Object.fromEntries(variables.map((v) => [v, 'placeholder-value']));
      const plan = await planJson(h, ['-c', out.path('exported')], env);
      expect(plan.changes.filter((c) => c.type === 'organizations')).toEqual([]);
      expect(plan.unchanged.organizations).toBe(2);
    });
  });
});
