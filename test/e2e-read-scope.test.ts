// What a run reads of the tenant, counted at a proxy: --only and --exclude limit the reads,
// not only the plan (types referred to are read for their keys, without sub-resources); a
// keyed family reads only the keys config names (and what the tenant uses). And the rule
// that makes export safe to start from: a field left at its default, so left out of the
// export, is still compared, so drift in it shows.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const CONFIG = `
clients:
  - { name: Portal, app_type: spa, callbacks: ['https://portal.example/cb'] }
resource_servers:
  - { name: Scope API, identifier: 'https://scope.example/api', scopes: [{ value: 'read:x' }] }
connections:
  - { name: scope-db, strategy: auth0, enabled_clients: [Portal] }
organizations:
  - { name: scope-org, enabled_connections: [{ connection: scope-db }] }
roles:
  - { name: Reader, permissions: [{ resource_server: 'https://scope.example/api', name: 'read:x' }] }
prompt_custom_text:
  login:
    en: { login: { title: Hello } }
`;

describe('read scope', () => {
  let h: Harness;
  let dir: TempDir;
  beforeAll(async () => {
    h = await startHarness();
    dir = tempDir({ 'tenant.yaml': CONFIG });
    const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
    if (applied.code !== 0) throw new Error(applied.stdout);
  });
  afterAll(async () => {
    await h?.close();
    dir?.remove();
  });

  const readsOf = async (...args: string[]) => {
    const start = h.requests.length;
    const result = await h.run(['plan', '--detailed-exitcode', '-c', dir.dir, ...args]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return h.requests
      .slice(start)
      .filter((r) => r.method === 'GET')
      .map((r) => r.path);
  };

  it('--only roles reads roles with their permissions, and the APIs they name, nothing else', async () => {
    const reads = await readsOf('--only', 'roles');
    expect(new Set(reads.map((p) => p.split('/')[1]))).toEqual(new Set(['roles', 'resource-servers']));
    expect(reads.some((p) => /^\/roles\/[^/]+\/permissions$/.test(p))).toBe(true);
  });

  it('--only organizations reads connections and clients for their names only, not their sub-resources', async () => {
    const reads = await readsOf('--only', 'organizations');
    expect(reads).toContain('/connections');
    expect(reads.filter((p) => /^\/connections\/[^/]+\/clients$/.test(p))).toEqual([]);
    // Their client grants are named by client: clients are listed for their names, nothing more.
    expect(reads.filter((p) => p.startsWith('/clients'))).toEqual(['/clients']);
  });

  it('the plan reports how long reading took, its calls, and the reads made one per object', async () => {
    const start = h.requests.length;
    const result = await h.run(['plan', '--format', 'json', '-c', dir.dir]);
    expect(result.code, result.stderr).toBe(0);
    const reads = h.requests.slice(start).filter((r) => r.method === 'GET');
    const { reading } = JSON.parse(result.stdout);
    expect(reading.calls).toBe(reads.length);
    expect(reading.ms).toBeGreaterThan(0);
    // The tenant's connections (its default ones and scope-db) each read their clients.
    expect(reading.perObject).toEqual([
      { type: 'connections', field: 'enabled_clients', calls: 3 },
      { type: 'organizations', field: 'client_grants', calls: 1 },
      { type: 'organizations', field: 'clients', calls: 1 },
      { type: 'organizations', field: 'discovery_domains', calls: 1 },
      { type: 'organizations', field: 'enabled_connections', calls: 1 },
      { type: 'roles', field: 'permissions', calls: 1 },
    ]);
    const text = await h.run(['plan', '--only', 'clients', '-c', dir.dir]);
    // Out of scope, roles are not read at all, so neither are their permissions.
    expect(text.stdout).toMatch(/Read the tenant in \d+(\.\d)? m?s with \d+ calls?\.\n$/);
    const full = await h.run(['plan', '-c', dir.dir]);
    expect(full.stdout).toMatch(/were one per object, the API having no bulk read \(.*roles\.permissions: 1/);
  });

  it('--exclude drops a type from the reads', async () => {
    const reads = await readsOf('--exclude', 'roles,organizations');
    expect(reads.some((p) => p.startsWith('/roles') || p.startsWith('/organizations'))).toBe(false);
    expect(reads).toContain('/clients');
  });

  it('custom text is read for the prompts config names, in its languages and those the tenant enables', async () => {
    const reads = (await readsOf('--only', 'prompt_custom_text')).filter((p) => p.startsWith('/prompts/'));
    expect(reads).toEqual(['/prompts/login/custom-text/en']);
  });
});

describe('drift sees what export leaves out', () => {
  it('a connection exported with its defaults left out still shows a default turned off', async () => {
    const h = await startHarness();
    const dir = tempDir({ 'tenant.yaml': 'connections:\n  - { name: guarded-db, strategy: auth0 }\n' });
    try {
      expect((await h.run(['apply', '-c', dir.dir, '--auto-approve'])).code).toBe(0);
      const exported = await h.run(['export', '-o', dir.path('export')]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(dir.read('export/connections.yaml')).not.toContain('brute_force_protection');

      const [connection] = (await h.get('/connections?name=guarded-db')) as { id: string; options: object }[];
      await h.api('PATCH', `/connections/${connection!.id}`, {
        options: { ...connection!.options, brute_force_protection: false },
      });
      const drift = await h.run(['drift', '-c', dir.path('export'), '--format', 'json']);
      expect(drift.code).toBe(2);
      const report = JSON.parse(drift.stdout) as {
        changes: { address: string; fields: { path: string }[] }[];
      };
      expect(report.changes.map((c) => [c.address, c.fields.map((f) => f.path)])).toEqual([
        ['connections.guarded-db', ['options.brute_force_protection']],
      ]);
    } finally {
      await h.close();
      dir.remove();
    }
  });
});
