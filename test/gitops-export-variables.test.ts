// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} templates are what these tests are about
// Export of a tenant that already has config, end to end over HTTP: what the config writes
// as ${VAR} (a secret, a domain in a URL, a list from a values file) is exported as ${VAR},
// while the tenant still holds what the variable gives; the export plans clean with the
// same values; a value the tenant changed is exported as the tenant has it.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJson, startHarness, type Harness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/environments', import.meta.url));
const CONFIG = `${EXAMPLE}/tenant.yaml`;
const DEV = `${EXAMPLE}/env/dev.yaml`;

let h: Harness;
let d: TempDir;
beforeAll(async () => {
  h = await startHarness();
  d = tempDir();
  const applied = await h.run(['apply', '-c', CONFIG, '--values', DEV, '--auto-approve']);
  if (applied.code !== 0) throw new Error(applied.stderr);
});
afterAll(async () => {
  await h?.close();
  d?.remove();
});

describe('export with existing config', () => {
  it("keeps the config's variables, secrets and not, and plans clean with the same values", async () => {
    const out = d.path('kept');
    const writes = h.writes().length;
    const result = await h.run(['export', '-c', CONFIG, '--values', DEV, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(h.writes().length).toBe(writes);
    expect(result.stdout).toContain('are kept as ${VAR}');

    const apis = d.read('kept/resource_servers.yaml');
    expect(apis).toContain('identifier: https://${API_DOMAIN}/bookings');
    expect(apis).toContain('signing_secret: ${API_SIGNING_SECRET}');
    expect(apis).not.toContain('RESOURCE_SERVERS_');
    const clients = d.read('kept/clients.yaml');
    expect(clients).toContain('https://${APP_DOMAIN}/callback');
    expect(d.read('kept/tenant.yaml')).toContain('friendly_name: Acme Travel${TENANT_LABEL:-}');
    // The variables file lists the config's own secret variable, not a made-up one.
    expect(d.read('kept/secrets.env.example')).toMatch(/^API_SIGNING_SECRET=$/m);
    expect(d.read('kept/secrets.env.example')).not.toContain('RESOURCE_SERVERS_');
    // The dev secret's value never reaches the export.
    expect(
      d
        .files()
        .map((f) => d.read(f))
        .join('\n'),
    ).not.toContain('dev-only-not-a-real-secret');

    const plan = await planJson(h, ['-c', out, '--values', DEV]);
    expect(plan.changes).toEqual([]);
  });

  it('without config, export writes values and placeholders as before', async () => {
    const result = await h.run(['export', '-o', d.path('plain')]);
    expect(result.code, result.stderr).toBe(0);
    expect(d.read('plain/resource_servers.yaml')).toContain(
      'identifier: https://api.dev.acme.example/bookings',
    );
    expect(d.read('plain/resource_servers.yaml')).toMatch(/signing_secret: \$\{RESOURCE_SERVERS_[A-Z_]+\}/);
  });

  it('a value the tenant no longer holds is exported as the tenant has it', async () => {
    const clients = await h.get<{ client_id: string; name: string }[]>('/clients');
    const spa = clients.find((c) => c.name === 'Acme Travel (SPA)')!;
    await h.api('PATCH', `/clients/${spa.client_id}`, { callbacks: ['https://elsewhere.example/cb'] });
    const result = await h.run(['export', '-c', CONFIG, '--values', DEV, '-o', d.path('drifted')]);
    expect(result.code, result.stderr).toBe(0);
    const text = d.read('drifted/clients.yaml');
    expect(text).toContain('https://elsewhere.example/cb');
    expect(text).not.toContain('https://${APP_DOMAIN}/callback');
    expect(text).toMatch(/allowed_logout_urls:\n {6}- https:\/\/\$\{APP_DOMAIN\}\n/);
  });

  it('a config error stops the export before any request', async () => {
    const requests = h.requests.length;
    const result = await h.run(['export', '-c', CONFIG, '-o', d.path('never')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('variable MAIL_DOMAIN is not set');
    expect(h.requests.length).toBe(requests);
  });
});
