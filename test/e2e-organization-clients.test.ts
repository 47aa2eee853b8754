// An organization's applications (/organizations/{id}/clients), by client name: added and
// removed in batches of 10, member access changed one PATCH per client, converged; a tenant
// without the feature still plans its organizations.

import { describe, expect, it } from 'vitest';
import { lockRequests, startHarness, tempDir, withTenantDir } from './fixtures/tenant-harness.ts';

const names = Array.from({ length: 12 }, (_, i) => `Partner App ${String(i).padStart(2, '0')}`);
const config = (associated: readonly string[], memberAccess: ReadonlySet<string> = new Set()) =>
  [
    'clients:',
    ...names.map((n) => `  - { name: '${n}', app_type: regular_web }`),
    'organizations:',
    '  - name: partners',
    '    clients:',
    ...associated.map(
      (n) => `      - { client: '${n}'${memberAccess.has(n) ? ', use_for_member_access: true' : ''} }`,
    ),
  ].join('\n');

describe('organization clients', () => {
  const t = withTenantDir();
  /** The organization-client writes an apply sends, as `METHOD path [batch size]`. */
  const applyWrites = async () => {
    const start = t.h.requests.length;
    const result = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lock = lockRequests(t.h.requests);
    return t.h.requests
      .slice(start)
      .filter((r) => r.method !== 'GET' && !lock.has(r) && /^\/organizations\/[^/]+\/clients/.test(r.path))
      .map((r) => {
        const body = r.body ? JSON.parse(r.body) : {};
        const batch = Array.isArray(body.clients) ? ` ${body.clients.length}` : '';
        return `${r.method} ${r.path.replace(/org_[A-Za-z0-9]+/, 'ORG').replace(/clients\/[A-Za-z0-9]+$/, 'clients/CLIENT')}${batch}`;
      });
  };
  const converged = async () => {
    const plan = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode']);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  };

  it('12 clients are associated in two batches, after the organization and the clients exist', async () => {
    t.dir.write('tenant.yaml', config(names, new Set([names[0]!])));
    expect(await applyWrites()).toEqual([
      'POST /organizations/ORG/clients 10',
      'POST /organizations/ORG/clients 2',
    ]);
    const org = t.h.emulator.store.filterBy('/organizations', 'name', 'partners')[0]!;
    const listed = await t.h.get<{ clients: { client_id: string; use_for_member_access: boolean }[] }>(
      `/organizations/${org.id}/clients?take=50`,
    );
    expect(listed.clients).toHaveLength(12);
    const first = t.h.emulator.store.filterBy('/clients', 'name', names[0])[0]!;
    expect(listed.clients.find((c) => c.client_id === first.client_id)?.use_for_member_access).toBe(true);
    await converged();
  });

  it('member access changed is one PATCH; removed ones go in one batch', async () => {
    t.dir.write('tenant.yaml', config(names.slice(0, 4), new Set([names[1]!])));
    expect((await applyWrites()).sort()).toEqual(
      [
        'DELETE /organizations/ORG/clients 8',
        'PATCH /organizations/ORG/clients/CLIENT',
        'PATCH /organizations/ORG/clients/CLIENT',
      ].sort(),
    );
    await converged();
  });

  it('export writes them by name; a tenant without the feature plans its organizations', async () => {
    const out = tempDir();
    try {
      expect((await t.h.run(['export', '-o', out.path('tenant')])).code).toBe(0);
      const text = out.read('tenant/organizations.yaml');
      expect(text).toContain(`client: ${names[1]}`);
      expect(text).not.toMatch(/client: [A-Za-z0-9]{32}\b/);
    } finally {
      out.remove();
    }
    const lacking = await startHarness({ withoutFeatures: ['organization_clients'] });
    const other = tempDir({ 'tenant.yaml': 'organizations:\n  - name: partners\n' });
    try {
      const applied = await lacking.run(['apply', '-c', other.dir, '--auto-approve']);
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      const plan = await lacking.run(['plan', '-c', other.dir, '--detailed-exitcode']);
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    } finally {
      other.remove();
      await lacking.close();
    }
  });
});
