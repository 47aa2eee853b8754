// Renames declared in config (`tenantform.moved`), end to end over HTTP: a client renamed in
// config is one update of its name (its client_id kept, its grant untouched), applied and
// saved as such; once applied the entry does nothing; wrong entries are config errors at
// the entry, before any write.

import { describe, expect, it } from 'vitest';
import { planJson, withExampleTenant } from './fixtures/tenant-harness.ts';

const OLD = 'Acme Billing Service';
const NEW = 'Acme Invoicing Service';

interface ApiClient {
  client_id: string;
  name: string;
}

describe('tenantform.moved: a rename is an update', () => {
  const t = withExampleTenant({ apply: true });
  const withMoved = (moved: string, text = t.config.read('tenant.yaml')) =>
    t.config.write('tenant.yaml', `tenantform:\n  moved:\n${moved}\n${text}`);
  const original = () => t.config.read('tenant.yaml');
  const clientId = async (name: string) =>
    (await t.h.get<ApiClient[]>('/clients')).find((c) => c.name === name)?.client_id;

  it('without the entry, a rename is a delete and a create, and the warning says to declare it', async () => {
    const text = original();
    t.config.write(
      'tenant.yaml',
      `tenantform:\n  protect: { clients: [Default App] }\n${text.replaceAll(OLD, NEW)}`,
    );
    try {
      const plan = await planJson(t.h, ['-c', t.config.dir, '--allow-delete=clients,client_grants']);
      expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toContain(`delete clients.${OLD}`);
      const [clients, grants] = plan.warnings;
      expect(clients).toContain(
        `To rename it in place instead, declare it in config: tenantform: { moved: { clients: { '${OLD}': '${NEW}' } } }`,
      );
      // A grant's key is its client and API: it cannot be renamed, so no moved is suggested.
      expect(grants).toMatch(/^This plan deletes client_grants .* what used the old one breaks\.$/);
    } finally {
      t.config.write('tenant.yaml', text);
    }
  });

  it('plans one update of the name, keeps the id, saves it and applies it from the saved plan', async () => {
    const text = original();
    const id = await clientId(OLD);
    expect(id).toBeDefined();
    withMoved(`    clients: { ${OLD}: ${NEW} }`, text.replaceAll(OLD, NEW));

    const plan = await planJson(t.h, ['-c', t.config.dir, '--allow-delete=client_grants']);
    // The grant names the client: read with the new name, it is unchanged.
    expect(plan.changes).toHaveLength(1);
    const [change] = plan.changes;
    expect(change).toMatchObject({
      action: 'update',
      address: `clients.${NEW}`,
      id,
      movedFrom: OLD,
      fields: [{ path: 'name', before: OLD, after: NEW }],
    });
    expect(change?.note).toContain(`renamed from '${OLD}' by tenantform.moved`);
    const shown = await t.h.run(['plan', '-c', t.config.dir]);
    expect(shown.stdout).toContain(`renamed from '${OLD}'`);
    expect(shown.stdout).toMatch(
      /name: "Acme Billing Service" → "Acme Invoicing Service"|Acme Billing Service.*→.*Acme Invoicing Service/,
    );

    const file = t.config.path('plan.json');
    const saved = await t.h.run(['plan', '-c', t.config.dir, '--out', file]);
    expect(saved.code, saved.stderr).toBe(0);
    const writes = t.h.writes().length;
    const applied = await t.h.run(['apply', file]);
    expect(applied.code, applied.stderr).toBe(0);
    const sent = t.h
      .writes()
      .slice(writes)
      .filter((w) => w.path.startsWith('/clients'));
    expect(sent.map((w) => `${w.method} ${w.path}`)).toEqual([`PATCH /clients/${id}`]);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ name: NEW });
    expect(await clientId(NEW)).toBe(id);
    expect(await clientId(OLD)).toBeUndefined();
  });

  it('once applied, the entry is harmless: the next plan is empty', async () => {
    const plan = await planJson(t.h, ['-c', t.config.dir, '--allow-delete=client_grants']);
    expect(plan.changes).toEqual([]);
  });

  it('applies a rename straight from config as well, and back', async () => {
    const text = original().replace(/^tenantform:\n {2}moved:\n.*\n/, '');
    const id = await clientId(NEW);
    withMoved(`    clients: { ${NEW}: ${OLD} }`, text.replaceAll(NEW, OLD));
    const applied = await t.h.run(['apply', '-c', t.config.dir, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await clientId(OLD)).toBe(id);
  });
});

describe('tenantform.moved: entries that cannot be a rename', () => {
  const t = withExampleTenant({ apply: true });
  const attempt = async (moved: string, edit: (text: string) => string = (text) => text) => {
    const text = t.config.read('tenant.yaml');
    t.config.write('tenant.yaml', `tenantform:\n  moved:\n${moved}\n${edit(text)}`);
    try {
      const writes = t.h.writes().length;
      const result = await t.h.run(['plan', '-c', t.config.dir]);
      expect(t.h.writes().length).toBe(writes);
      expect(result.code).toBe(1);
      return result.stderr;
    } finally {
      t.config.write('tenant.yaml', text);
    }
  };

  it('a new key the config does not define, at the entry', async () => {
    const stderr = await attempt('    clients: { Acme Billing Service: Nobody }');
    expect(stderr).toMatch(
      /tenant\.yaml:3:\d+: tenantform\.moved\.clients\."Acme Billing Service": clients: "Acme Billing Service" → "Nobody": config has no clients "Nobody"/,
    );
  });

  it('both keys in the tenant', async () => {
    const stderr = await attempt(`    clients: { 'Acme Travel (SPA)': ${OLD} }`, (text) =>
      text.replace('- name: Acme Travel (SPA)', '- name: Acme Travel (old SPA)'),
    );
    expect(stderr).toContain(
      `"Acme Travel (SPA)" → "${OLD}": the tenant has both, so this cannot be a rename`,
    );
    expect(stderr).toMatch(/tenant\.yaml:3:\d+/);
  });

  it('chains and cycles', async () => {
    const chain = await attempt(
      `    roles: { Travel Agent: Travel Advisor, Travel Advisor: Travel Consultant }`,
      (text) => text.replace('name: Travel Agent', 'name: Travel Consultant'),
    );
    expect(chain).toContain('moves are not chained');
    const cycle = await attempt(`    roles: { Travel Agent: Bookings Admin, Bookings Admin: Travel Agent }`);
    expect(cycle).toContain('moves are not chained');
  });

  it('an old key config still defines, and two old keys for one new key', async () => {
    const still = await attempt('    roles: { Travel Agent: Bookings Admin }');
    expect(still).toContain('config still defines roles "Travel Agent": remove it, or remove this entry');
    const two = await attempt('    roles: { Agent: Travel Agent, Travel Agent (old): Travel Agent }');
    expect(two).toContain('another entry moves an object to "Travel Agent" too');
  });

  it('types whose key cannot change in place, naming the type', async () => {
    const grants = await attempt(
      '    client_grants: { "Acme Billing Service → https://api.acme.example/bookings": x }',
    );
    expect(grants).toContain(
      'client_grants cannot be renamed in place (its key is made of client + audience): a new key is a new object',
    );
    const apis = await attempt(
      '    resource_servers: { "https://api.acme.example/bookings": "https://api.acme.example/v2" }',
      (text) => text.replaceAll('https://api.acme.example/bookings', 'https://api.acme.example/v2'),
    );
    expect(apis).toContain('resource_servers cannot be renamed in place');
    // The API's connection update takes no name (from the API document's request fields).
    const connections = await attempt('    connections: { acme-customers: acme-users }', (text) =>
      text.replace('- name: acme-customers', '- name: acme-users'),
    );
    expect(connections).toContain(
      'connections cannot be renamed in place (the API does not change name in place, or it names another object)',
    );
    const tenant = await attempt('    tenant: { default: other }');
    expect(tenant).toContain('tenant cannot be renamed in place (its key is not a field)');
  });
});
