// End to end over real HTTP against a flaky tenant (10% of API requests fail with 500/503 or
// a dropped connection): re-running apply converges, and nothing is ever created twice.

import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConfigDir,
  copyExample,
  type Harness,
  startHarness,
  tempDir,
} from './fixtures/tenant-harness.ts';

let h: Harness | undefined;
let config: ConfigDir | undefined;
afterEach(async () => {
  await h?.close();
  config?.remove();
});

/** Names of the objects in one emulator collection (read from its store: no faults there). */
function names(harness: Harness, collection: string, field = 'name'): string[] {
  return [...harness.emulator.store.collection(collection).values()].map((o) =>
    String((o as Record<string, unknown>)[field]),
  );
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

describe('a tenant that fails 10% of requests', () => {
  for (const seed of ['faults-1', 'faults-2']) {
    it(`converges by re-running apply, with no duplicates (seed ${seed})`, async () => {
      h = await startHarness({ faultRate: 0.1, seed });
      config = copyExample();
      let converged = false;
      const attempts: number[] = [];
      for (let attempt = 0; attempt < 8 && !converged; attempt++) {
        const applied = await h.run(['apply', '-c', config.dir, '--auto-approve']);
        attempts.push(applied.code);
        const plan = await h.run(['plan', '-c', config.dir, '--detailed-exitcode']);
        converged = plan.code === 0;
      }
      expect(converged, `apply exits: ${attempts.join(', ')}`).toBe(true);

      const clients = names(h, '/clients');
      expect(duplicates(clients)).toEqual([]);
      expect(clients).toEqual(expect.arrayContaining(['Acme Travel (SPA)', 'Acme Billing Service']));
      const roles = names(h, '/roles');
      expect(duplicates(roles)).toEqual([]);
      expect(roles).toEqual(expect.arrayContaining(['Travel Agent', 'Bookings Admin']));
      for (const [collection, field] of [
        ['/resource-servers', 'identifier'],
        ['/connections', 'name'],
        ['/actions/actions', 'name'],
        ['/log-streams', 'name'],
      ] as const) {
        const values = names(h, collection, field);
        expect(values.length, collection).toBeGreaterThan(0);
        expect(duplicates(values), collection).toEqual([]);
      }
      const grants = [...h.emulator.store.collection('/client-grants').values()].map((g) => {
        const grant = g as Record<string, unknown>;
        return `${grant.client_id} ${grant.audience}`;
      });
      expect(duplicates(grants)).toEqual([]);
    }, 120_000);
  }
});

describe('a create whose response is lost', () => {
  it('is found by its natural key on the next step, not created twice', async () => {
    let lost = 0;
    h = await startHarness({
      // Every first POST of a type is carried out by the tenant, but its answer never arrives.
      loseResponse: (r) =>
        r.method === 'POST' &&
        ['/clients', '/roles', '/log-streams', '/client-grants'].includes(r.path) &&
        lost++ < 4,
    });
    config = copyExample();
    const applied = await h.run(['apply', '-c', config.dir, '--auto-approve']);
    expect(h.requests.filter((r) => r.lost).length).toBeGreaterThan(0);
    // The same run recovers: each lost create is adopted by its natural key.
    expect(applied.code, applied.stdout).toBe(0);
    expect((await h.run(['plan', '-c', config.dir, '--detailed-exitcode'])).code).toBe(0);
    expect(duplicates(names(h, '/clients'))).toEqual([]);
    expect(duplicates(names(h, '/roles'))).toEqual([]);
    expect(duplicates(names(h, '/log-streams'))).toEqual([]);
    expect(names(h, '/client-grants', 'audience').filter((a) => a.includes('acme'))).toEqual([
      'https://api.acme.example/bookings',
    ]);
  });
});

describe('a request that keeps failing', () => {
  it('a create is checked absent by its key and repeated, within one apply, until it goes through', async () => {
    let failures = 0;
    h = await startHarness({
      // More failures in a row than a fixed count of four attempts would ride out.
      failWith: (r) => (r.method === 'POST' && r.path === '/roles' && failures++ < 4 ? 503 : undefined),
    });
    const dir = tempDir({ 'tenant.yaml': 'roles:\n  - name: auditor\n' });
    const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
    expect(applied.code, applied.stdout).toBe(0);
    // Each failed create is followed by a read by its key; none is sent once the role exists.
    const roleRequests = h.requests.filter((r) => r.path === '/roles').map((r) => `${r.method} ${r.status}`);
    // The first GET is the plan's read; the role's create answers 200, as the real API does.
    expect(roleRequests.slice(1)).toEqual([
      ...Array.from({ length: 4 }, () => ['POST 503', 'GET 200']).flat(),
      'POST 200',
    ]);
    expect(names(h, '/roles')).toEqual(['auditor']);
    dir.remove();
  });

  it('is named in the report by object, method, path and status', async () => {
    h = await startHarness({
      failWith: (r) => (r.method === 'POST' && r.path === '/roles' ? 400 : undefined),
    });
    const dir = tempDir({ 'tenant.yaml': 'roles:\n  - name: auditor\n' });
    const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain('failed:  roles.auditor: POST /roles → 400: Bad Request');
    // A refusal is not a fault: the create is sent once.
    expect(h.requests.filter((r) => r.method === 'POST' && r.path === '/roles')).toHaveLength(1);
    dir.remove();
  });

  it('a read says which type it was reading', async () => {
    h = await startHarness({
      failWith: (r) => (r.method === 'GET' && r.path === '/roles' ? 403 : undefined),
    });
    const dir = tempDir({ 'tenant.yaml': 'roles:\n  - name: auditor\n' });
    const planned = await h.run(['plan', '-c', dir.dir]);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toMatch(/GET \/roles\S* \(reading roles\) → 403: Forbidden/);
    dir.remove();
  });
});

describe('what an apply under faults says it did', () => {
  const scopes = (api: number) =>
    Array.from({ length: 4 }, (_, i) => `      - { value: 'do:${api}-${i}', description: d }`).join('\n');
  const configFor = (shift: number) => `resource_servers:
${[0, 1].map((a) => `  - name: API ${a}\n    identifier: https://api${a}.example\n    scopes:\n${scopes(a)}`).join('\n')}
roles:
${Array.from(
  { length: 12 },
  (_, i) =>
    `  - name: role-${i}\n    permissions:\n${[0, 1]
      .map(
        (k) =>
          `      - { resource_server: https://api${(i + k) % 2}.example, name: 'do:${(i + k) % 2}-${(i + k + shift) % 4}' }`,
      )
      .join('\n')}`,
).join('\n')}
`;

  it('exits 0 only when the next plan is empty, and otherwise names every change left undone', async () => {
    // Faults before the tenant acts (500, 503, dropped), and answers lost after it did.
    let x = 7919;
    const random = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
    h = await startHarness({
      faultRate: 0.25,
      seed: 'undone',
      loseResponse: (r) => r.path !== '/oauth/token' && random() < 0.15,
    });
    const dir = tempDir();
    for (const shift of [0, 1]) {
      dir.write('tenant.yaml', configFor(shift));
      const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
      // The plan reads through the same faults: an error is read again, a change is not.
      let plan = await h.run(['plan', '-c', dir.dir, '--detailed-exitcode', '--format', 'json']);
      for (let tries = 0; plan.code === 1 && tries < 5; tries++)
        plan = await h.run(['plan', '-c', dir.dir, '--detailed-exitcode', '--format', 'json']);
      expect(plan.code, plan.stderr).not.toBe(1);
      const left = (JSON.parse(plan.stdout) as { changes: { address: string }[] }).changes.map(
        (c) => c.address,
      );
      if (applied.code === 0) expect(left, applied.stdout).toEqual([]);
      for (const address of left) expect(applied.stdout).toMatch(new RegExp(`(failed|skipped): +${address}`));
    }
    dir.remove();
  }, 120_000);
});
