// Drift end to end: exit codes 0 (in sync) / 2 (changed behind tenantform's back) / 1 (bad
// config, unreachable tenant), no write request ever (counted at a proxy), the three output
// formats; and `ignore:` fields, neither reported nor sent on update.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJson, startHarness, type Harness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const SIEM_TOKEN = 'Bearer drift-siem-5e8a1c3b9d7f2a60';

const CONFIG = `
tenantform:
  ignore:
    clients: [description]

tenant:
  friendly_name: Drift Co

clients:
  - name: Portal
    description: Written by tenantform.
    app_type: spa
    token_endpoint_auth_method: none
    callbacks: [https://portal.example/callback]
    grant_types: [authorization_code]

resource_servers:
  - name: Drift API
    identifier: https://drift.example/api
    signing_alg: RS256
    token_lifetime: 3600
    scopes:
      - { value: 'read:things', description: Read things }

roles:
  - name: Reader
    description: Reads things.
    permissions:
      - { resource_server: https://drift.example/api, name: 'read:things' }

log_streams:
  - name: Audit
    type: http
    sink:
      httpEndpoint: https://siem.example/drift
      httpContentType: application/json
      httpContentFormat: JSONLINES
      httpAuthorization: \${SIEM_TOKEN}
`;

let t: Harness;
let d: TempDir;
const env = { SIEM_TOKEN };
const cfg = () => ['-c', d.path('tenant.yaml')];

beforeAll(async () => {
  t = await startHarness();
  d = tempDir({ 'tenant.yaml': CONFIG });
  const applied = await t.run(['apply', ...cfg(), '--auto-approve'], env);
  expect(applied.code, applied.stderr).toBe(0);
});
afterAll(async () => {
  await t?.close();
  d?.remove();
});

/** Runs drift and checks, at the proxy, that it sent nothing but GETs (and the token request). */
async function drift(args: string[] = [], extraEnv: NodeJS.ProcessEnv = env) {
  const from = t.requests.length;
  const result = await t.run(['drift', ...cfg(), ...args], extraEnv);
  const sent = t.requests.slice(from);
  expect(sent.filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual([]);
  return { ...result, sent };
}

async function idOf(path: string, field: string, value: string, idField: string): Promise<string> {
  const list = await t.api<Record<string, string>[]>('GET', path);
  return list.find((o) => o[field] === value)![idField]!;
}

describe.sequential('drift', () => {
  it('exit 0 and "in sync" when the tenant matches the config; reads only', async () => {
    const result = await drift();
    expect(result.code, result.stderr).toBe(0);
    expect(result.sent.some((r) => r.method === 'GET')).toBe(true);
    expect(result.stdout).toMatch(/no drift|in sync|match/i);
  });

  it('an ignored field changed in the tenant is not drift, and not in plan', async () => {
    const id = await idOf('/clients', 'name', 'Portal', 'client_id');
    await t.api('PATCH', `/clients/${id}`, { description: 'Edited in the dashboard.' });
    expect((await drift()).code).toBe(0);
    const plan = await planJson(t, cfg(), env);
    expect(plan.changes).toEqual([]);
    for (const format of ['text', 'json', 'markdown']) {
      const out = await drift(['--format', format]);
      expect(out.stdout).not.toContain('Edited in the dashboard');
    }
  });

  it("exit 2 when the tenant changed behind tenantform's back; each format reports it", async () => {
    const client = await idOf('/clients', 'name', 'Portal', 'client_id');
    await t.api('PATCH', `/clients/${client}`, { callbacks: ['https://evil.example/callback'] });
    const api = await idOf('/resource-servers', 'identifier', 'https://drift.example/api', 'id');
    await t.api('PATCH', `/resource-servers/${api}`, { token_lifetime: 60 });
    await t.api('POST', '/roles', { name: 'Dashboard Role', description: 'made by hand' });

    const text = await drift();
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('clients.Portal');
    expect(text.stdout).toContain('callbacks');
    expect(text.stdout).toContain('evil.example');
    expect(text.stdout).toContain('token_lifetime');
    // Text names unmanaged objects by count per type; json and markdown name them.
    expect(text.stdout).toMatch(/roles: 1/);
    expect(text.stdout).not.toContain('Edited in the dashboard');

    const json = await drift(['--format', 'json']);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(report.kind).toBe('drift');
    const byAddress = Object.fromEntries(
      report.changes.map((c: { address: string; fields: { path: string }[] }) => [
        c.address,
        c.fields.map((f) => f.path),
      ]),
    );
    expect(byAddress).toEqual({
      'clients.Portal': ['callbacks'],
      'resource_servers.https://drift.example/api': ['token_lifetime'],
    });
    // Unmanaged objects are reported (the fresh tenant's defaults, and the hand-made role)…
    expect(report.unmanaged).toContainEqual(
      expect.objectContaining({ type: 'roles', key: 'Dashboard Role' }),
    );
    expect(report.summary).toMatchObject({ update: 2, delete: 0 });
    // …and are drift to delete where deletion is allowed for their type.
    const strict = await drift(['--format', 'json', '--allow-delete', 'roles']);
    expect(strict.code).toBe(2);
    expect(
      JSON.parse(strict.stdout)
        .changes.filter((c: { action: string }) => c.action === 'delete')
        .map((c: { address: string }) => c.address),
    ).toEqual(['roles.Dashboard Role']);

    const md = await drift(['--format', 'markdown']);
    expect(md.code).toBe(2);
    const lines = md.stdout.split('\n');
    expect(lines[0]).toMatch(/^#{1,4} .*drift/i);
    const header = lines.findIndex((l) => /^\| Type \|/.test(l));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/^\|( *:?-+:? *\|)+$/);
    const rows = lines.slice(header + 2).filter((l) => l.startsWith('|'));
    const rowTypes = rows.map((r) => r.split('|')[1]!.trim().replace(/`/g, ''));
    // A row per type the report touches (managed, or unmanaged objects found).
    expect([...rowTypes].sort()).toEqual([
      'clients',
      'connections',
      'log_streams',
      'resource_servers',
      'roles',
      'tenant',
    ]);
    const cells = (type: string) =>
      rows[rowTypes.indexOf(type)]!.split('|')
        .slice(2, -1)
        .map((c) => Number(c.trim()));
    // Create | Update | Replace | Delete | Unchanged | Unmanaged
    expect(cells('clients')).toEqual([0, 1, 0, 0, 0, 1]);
    expect(cells('resource_servers')).toEqual([0, 1, 0, 0, 0, 0]);
    expect(cells('roles')).toEqual([0, 0, 0, 0, 1, 1]);
    expect(md.stdout).toMatch(/<details>\s*<summary><code>clients<\/code>/);
    expect(md.stdout).toMatch(/<details>\s*<summary><code>resource_servers<\/code>/);
    expect(md.stdout.match(/<details>/g)!.length).toBe(md.stdout.match(/<\/details>/g)!.length);
    expect(md.stdout).toContain('Dashboard Role');

    for (const out of [text, json, md]) expect(out.stdout + out.stderr).not.toContain(SIEM_TOKEN.slice(7));
  });

  it('a secret that drifted is reported masked', async () => {
    const id = await idOf('/log-streams', 'name', 'Audit', 'id');
    const leaked = 'Bearer leaked-value-31a9f0c2';
    await t.api('PATCH', `/log-streams/${id}`, {
      sink: { httpEndpoint: 'https://siem.example/drift', httpAuthorization: leaked },
    });
    for (const format of ['text', 'json', 'markdown']) {
      const out = await drift(['--format', format]);
      expect(out.stdout + out.stderr).not.toContain('leaked-value');
      expect(out.stdout + out.stderr).not.toContain(SIEM_TOKEN.slice(7));
      expect(out.code).toBe(2);
      expect(out.stdout).toContain('log_streams.Audit');
    }
  });

  it('an object deleted in the dashboard is drift (missing from the tenant)', async () => {
    const id = await idOf('/roles', 'name', 'Reader', 'id');
    await t.api('DELETE', `/roles/${id}`);
    const json = await drift(['--format', 'json']);
    expect(json.code).toBe(2);
    const missing = JSON.parse(json.stdout).changes.find(
      (c: { address: string }) => c.address === 'roles.Reader',
    );
    expect(missing?.action).toBe('create');
    const text = await drift();
    expect(text.stdout).toMatch(/1 missing/);
  });

  it('exit 1 on bad config, with no request at all', async () => {
    const bad = tempDir({ 'tenant.yaml': 'clients:\n  - name: X\n    app_type: 42\n' });
    try {
      const from = t.requests.length;
      const result = await t.run(['drift', '-c', bad.path('tenant.yaml')], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/tenant\.yaml/);
      expect(t.requests.slice(from).filter((r) => r.path !== '/oauth/token' && r.method !== 'GET')).toEqual(
        [],
      );
    } finally {
      bad.remove();
    }
  });

  it('exit 1 when a config variable is missing', async () => {
    const result = await t.run(['drift', ...cfg()], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SIEM_TOKEN');
  });

  it('exit 1 when the tenant is unreachable', async () => {
    const result = await t.run(['drift', ...cfg()], { ...env, AUTH0_DOMAIN: 'http://127.0.0.1:9' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/\S/);
  }, 30_000);

  it('ignored fields are never sent on update: apply of another field keeps the tenant-side value', async () => {
    d.write(
      'tenant.yaml',
      CONFIG.replace('[https://portal.example/callback]', '[https://portal.example/callback2]'),
    );
    const plan = await planJson(t, cfg(), env);
    const portal = plan.changes.find((c) => c.address === 'clients.Portal')!;
    expect(portal.fields.map((f) => f.path)).toEqual(['callbacks']);
    const from = t.requests.length;
    const applied = await t.run(['apply', ...cfg(), '--auto-approve'], env);
    expect(applied.code, applied.stderr).toBe(0);
    const patches = t.requests
      .slice(from)
      .filter((r) => r.method === 'PATCH' && r.path.startsWith('/clients/'));
    expect(patches).toHaveLength(1);
    expect(JSON.parse(patches[0]!.body)).not.toHaveProperty('description');
    const id = await idOf('/clients', 'name', 'Portal', 'client_id');
    const live = await t.api<{ description: string; callbacks: string[] }>('GET', `/clients/${id}`);
    expect(live.description).toBe('Edited in the dashboard.');
    expect(live.callbacks).toEqual(['https://portal.example/callback2']);
  });
});
