// Narrowing what a plan touches, end to end over HTTP: --target (the objects and what they
// reference), tenantform.exclude (objects out of every plan), tenantform.protect (never
// deleted or replaced), and the warning for a delete and a create of one type.

import { describe, expect, it } from 'vitest';
import { planJson, withExampleTenant } from './fixtures/tenant-harness.ts';

const GRANT = 'client_grants.Acme Billing Service → https://api.acme.example/bookings';

describe('--target on a fresh tenant', () => {
  const t = withExampleTenant();

  it('plans only the targets and what they reference', async () => {
    const plan = await planJson(t.h, ['-c', t.config.dir, '--target', GRANT]);
    expect(plan.changes.map((c) => c.address).sort()).toEqual([
      GRANT,
      'clients.Acme Billing Service',
      'resource_servers.https://api.acme.example/bookings',
    ]);
    expect(plan.warnings.join('\n')).toMatch(/Only the --target objects .* \(3 of \d+ changes\)/);
    const two = await planJson(t.h, [
      '-c',
      t.config.dir,
      '--target',
      'roles.Travel Agent',
      '--target',
      'clients.Acme Travel (SPA)',
    ]);
    // The role's permissions reference the API: it comes along.
    expect(two.changes.map((c) => c.address).sort()).toEqual([
      'clients.Acme Travel (SPA)',
      'resource_servers.https://api.acme.example/bookings',
      'roles.Travel Agent',
    ]);
  });

  it('applies only the targets; the next full plan has the rest', async () => {
    const applied = await t.h.run(['apply', '-c', t.config.dir, '--target', GRANT, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    const rest = await planJson(t.h, ['-c', t.config.dir]);
    const addresses = rest.changes.map((c) => c.address);
    expect(addresses).not.toContain(GRANT);
    expect(addresses).not.toContain('clients.Acme Billing Service');
    expect(addresses).toContain('clients.Acme Travel (SPA)');
  });

  it('refuses a target that names nothing, before any write', async () => {
    const writes = t.h.writes().length;
    const result = await t.h.run(['plan', '-c', t.config.dir, '--target', 'clients.No Such App']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '--target clients.No Such App: no such object in the config or the tenant',
    );
    expect(t.h.writes().length).toBe(writes);
  });
});

describe('exclusion and protection in config', () => {
  const t = withExampleTenant({ apply: true });
  const settings = (yaml: string) => {
    const text = t.config.read('tenant.yaml').replace(/^tenantform:[\s\S]*?\n(?=\S)/m, '');
    t.config.write('tenant.yaml', `tenantform:\n${yaml}\n${text}`);
  };

  it('--allow-delete=clients deletes the Default App unless it is protected', async () => {
    const unprotected = await planJson(t.h, ['-c', t.config.dir, '--allow-delete=clients']);
    expect(unprotected.changes.map((c) => `${c.action} ${c.address}`)).toContain(
      'delete clients.Default App',
    );

    settings('  protect:\n    clients: [Default App]\n');
    const plan = await planJson(t.h, ['-c', t.config.dir, '--allow-delete=clients']);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.filter((u) => u.type === 'clients').map((u) => u.address)).toEqual([
      'clients.Default App',
    ]);
  });

  it('refuses a plan that replaces a protected object', async () => {
    settings('  protect:\n    connections: [acme-customers]\n');
    t.config.edit('strategy: auth0', 'strategy: google-oauth2');
    try {
      const result = await t.h.run(['plan', '-c', t.config.dir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'connections.acme-customers is protected (tenantform.protect), and this plan would replace it (strategy cannot be changed in place)',
      );
    } finally {
      t.config.edit('strategy: google-oauth2', 'strategy: auth0');
    }
  });

  it('an excluded object is neither planned, deleted nor counted, on either side', async () => {
    settings('  exclude:\n    clients: [Default App, Acme Billing Service]\n');
    t.config.edit('description: Back-end job that reads bookings to bill them.', 'description: changed');
    const plan = await planJson(t.h, ['-c', t.config.dir, '--allow-delete=clients']);
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.filter((u) => u.type === 'clients')).toEqual([]);
    t.config.edit('description: changed', 'description: Back-end job that reads bookings to bill them.');
  });

  it('names the keys of unmanaged objects in the text plan', async () => {
    settings('  ignore: {}\n');
    const { stdout } = await t.h.run(['plan', '-c', t.config.dir]);
    expect(stdout).toMatch(/left alone \(clients: 1, connections: 2\).*\n {2}clients\.Default App\n/);
  });

  it('warns when a plan deletes and creates objects of one type (a rename loses the id)', async () => {
    settings('  allow_delete: [roles]\n');
    t.config.edit('name: Travel Agent', 'name: Travel Advisor');
    const plan = await planJson(t.h, ['-c', t.config.dir]);
    expect(plan.warnings).toContainEqual(
      "This plan deletes roles 'Travel Agent' and creates 'Travel Advisor': if that is a rename, the new object gets a new id and what used the old one breaks. " +
        "To rename it in place instead, declare it in config: tenantform: { moved: { roles: { 'Travel Agent': 'Travel Advisor' } } }",
    );
    const text = await t.h.run(['plan', '-c', t.config.dir]);
    expect(text.stdout).toContain("Warning: This plan deletes roles 'Travel Agent'");
  });
});
