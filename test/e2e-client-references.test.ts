// Clients' express (Okta OIN) and My Organization settings name user attribute profiles,
// connection profiles and other clients: config and export hold names, the API ids, and the
// objects named are created first.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir, withTenantDir } from './fixtures/tenant-harness.ts';

const CONFIG = `
user_attribute_profiles:
  - name: staff-attributes
    user_attributes:
      email: { description: Email, label: Email, profile_required: true, auth0_mapping: email }
connection_profiles:
  - name: staff-connections
    organization: { show_as_button: optional, assign_membership_on_login: required }
    connection_name_prefix_template: staff
clients:
  - name: OIN Client
    app_type: express_configuration
  - name: Landing
    app_type: regular_web
  - name: Okta App
    app_type: regular_web
    express_configuration:
      initiate_login_uri_template: 'https://app.example.com/login?org={organization_name}'
      user_attribute_profile_id: staff-attributes
      connection_profile_id: staff-connections
      enable_client: true
      enable_organization: true
      okta_oin_client_id: OIN Client
      admin_login_domain: admin.example.com
      linked_clients: [{ client_id: Landing }]
  - name: Portal
    app_type: regular_web
    my_organization_configuration:
      user_attribute_profile_id: staff-attributes
      connection_profile_id: staff-connections
      allowed_strategies: [oidc, samlp]
      connection_deletion_behavior: allow
      invitation_landing_client_id: Landing
`;

describe('clients naming profiles and clients', () => {
  const t = withTenantDir({ 'tenant.yaml': CONFIG });

  const idOf = (collection: string, name: string, idField = 'id') => {
    const found = [...t.h.emulator.store.collection(collection).values()].find((o) => o.name === name);
    if (!found) throw new Error(`no ${collection} object ${name}`);
    return String(found[idField]);
  };
  const created = (name: string) => {
    const index = t.h.requests.findIndex(
      (r) => r.method === 'POST' && r.path === '/clients' && JSON.parse(r.body).name === name,
    );
    return { index, body: JSON.parse(t.h.requests[index]!.body) };
  };

  it('are created after what they name, with its ids, and then plan no change', async () => {
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve']);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);

    const profile = idOf('/user-attribute-profiles', 'staff-attributes');
    const connectionProfile = idOf('/connection-profiles', 'staff-connections');
    const oin = idOf('/clients', 'OIN Client', 'client_id');
    const landing = idOf('/clients', 'Landing', 'client_id');
    const okta = created('Okta App');
    expect(okta.body.express_configuration).toMatchObject({
      user_attribute_profile_id: profile,
      connection_profile_id: connectionProfile,
      okta_oin_client_id: oin,
      linked_clients: [{ client_id: landing }],
    });
    expect(created('Portal').body.my_organization_configuration).toMatchObject({
      user_attribute_profile_id: profile,
      connection_profile_id: connectionProfile,
      invitation_landing_client_id: landing,
    });
    const firstWrite = (path: string) =>
      t.h.requests.findIndex((r) => r.method === 'POST' && r.path === path);
    expect(firstWrite('/user-attribute-profiles')).toBeLessThan(okta.index);
    expect(firstWrite('/connection-profiles')).toBeLessThan(okta.index);
    expect(created('OIN Client').index).toBeLessThan(okta.index);
    expect(created('Landing').index).toBeLessThan(created('Portal').index);

    const plan = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('export writes the names, and its plan is empty', async () => {
    const out = tempDir();
    try {
      const exported = await t.h.run(['export', '-o', out.path('tenant')]);
      expect(exported.code, exported.stdout + exported.stderr).toBe(0);
      const file = out.files().find((f) => /clients\.ya?ml$/.test(f));
      expect(file, out.files().join('\n')).toBeDefined();
      const clients = parse(out.read(file!)).clients as Record<string, Record<string, unknown>>[];
      const byName = new Map(clients.map((c) => [String(c.name), c]));
      expect(byName.get('Okta App')?.express_configuration).toMatchObject({
        user_attribute_profile_id: 'staff-attributes',
        connection_profile_id: 'staff-connections',
        okta_oin_client_id: 'OIN Client',
        linked_clients: [{ client_id: 'Landing' }],
      });
      expect(byName.get('Portal')?.my_organization_configuration).toMatchObject({
        user_attribute_profile_id: 'staff-attributes',
        connection_profile_id: 'staff-connections',
        invitation_landing_client_id: 'Landing',
      });
      const plan = await t.h.run([
        'plan',
        '-c',
        out.path('tenant'),
        '--detailed-exitcode',
        '--only',
        'clients',
      ]);
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    } finally {
      out.remove();
    }
  });

  it('a profile that exists neither in config nor the tenant is a config error naming the field', async () => {
    const other = tempDir({
      'tenant.yaml': CONFIG.replace(
        'connection_profile_id: staff-connections\n      enable_client',
        'connection_profile_id: nowhere\n      enable_client',
      ),
    });
    try {
      const writes = t.h.writes().length;
      const plan = await t.h.run(['plan', '-c', other.dir]);
      expect(plan.code).toBe(1);
      expect(plan.stderr).toMatch(
        /tenant\.yaml:\d+:\d+: clients\."Okta App"\.express_configuration\.connection_profile_id: connection_profiles\."nowhere" not found/,
      );
      expect(t.h.writes().length).toBe(writes);
    } finally {
      other.remove();
    }
  });
});
