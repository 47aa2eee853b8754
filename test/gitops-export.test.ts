// Export: on-boarding an existing tenant. A tenant holding every supported type (with
// awkward values) is exported, and plan against the exported config shows no change;
// export never overwrites a file and never writes a secret value anywhere.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specs } from '../src/resources/index.ts';
import { planJson, startHarness, type Harness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

/** Settings every tenant has (singletons never absent): exported from any tenant, defaults or not. */
const SINGLETON_FILES = specs.filter((s) => s.kind === 'singleton').map((s) => `${s.type}.yaml`);

const FIXTURE = fileURLToPath(new URL('./fixtures/gitops/every-type', import.meta.url));

/** The secret values this test sets; none may appear in any file or output export writes. */
const SECRETS = {
  LEDGER_SIGNING_SECRET: 'ex-ledger-signing-9b1f4e7a0c3d6b28',
  STAFF_GOOGLE_SECRET: 'ex-google-secret-2c8e5a1f7d4b9036',
  ENRICH_NAMESPACE: 'https://ns.example.org/ex-ns-6f3a',
  AUDIT_KEY: 'ex-audit-key-0d7c2b9e4a1f8356',
  SIEM_TOKEN: 'Bearer ex-siem-token-5a9d1c7e3b0f2846',
  DATADOG_KEY: 'ex-datadog-key-8e2b6f0a4c1d9735',
};

let t: Harness;
let out: TempDir;
const exportDir = () => out.path('exported');

beforeAll(async () => {
  t = await startHarness();
  out = tempDir();
  const applied = await t.run(['apply', '-c', `${FIXTURE}/tenant.yaml`, '--auto-approve'], SECRETS);
  expect(applied.code, `${applied.stdout}\n${applied.stderr}`).toBe(0);
  const again = await planJson(t, ['-c', `${FIXTURE}/tenant.yaml`], SECRETS);
  expect(again.changes).toEqual([]);
  // And objects made by hand (dashboard-style, through the API): server defaults filled in.
  await t.api('POST', '/clients', { name: 'Made by hand' });
  await t.api('POST', '/resource-servers', { identifier: 'urn:by-hand', name: 'By-hand API' });
  await t.api('POST', '/connections', { name: 'by-hand-db', strategy: 'auth0' });
  await t.api('POST', '/roles', { name: 'By-hand role' });
  await t.api('POST', '/log-streams', {
    name: 'By-hand hook',
    type: 'http',
    sink: { httpEndpoint: 'https://hook.example.org/x', httpContentFormat: 'JSONARRAY' },
  });
});
afterAll(async () => {
  await t?.close();
  out?.remove();
});

describe.sequential('export', () => {
  it('writes one file per type, action code to files, a list of variables; reads only', async () => {
    const from = t.requests.length;
    const result = await t.run(['export', '-o', exportDir()]);
    expect(result.code, result.stderr).toBe(0);
    expect(t.requests.slice(from).filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual([]);
    const files = out
      .files()
      .filter((f) => f.startsWith('exported/'))
      .map((f) => f.slice('exported/'.length));
    const typed = [
      'actions.yaml',
      'actions/audit-login-v2.js',
      'actions/enrich-token.js',
      'client_grants.yaml',
      'clients.yaml',
      'connections.yaml',
      'log_streams.yaml',
      'resource_servers.yaml',
      'roles.yaml',
      'secrets.env.example',
      'triggers.yaml',
    ];
    expect(files).toEqual(expect.arrayContaining(typed));
    // Besides those, only settings every tenant has; one holding nothing but defaults is left out.
    for (const file of files.filter((f) => !typed.includes(f))) expect(SINGLETON_FILES).toContain(file);
    // Names, not ids, wherever references appear.
    expect(out.read('exported/client_grants.yaml')).toContain('Svc "billing" / nightly');
    expect(out.read('exported/connections.yaml')).toContain('Ünïcødé App ✓');
    expect(out.read('exported/triggers.yaml')).toMatch(/audit\/login "v2"[\s\S]*enrich-token/);
    expect(out.read('exported/actions.yaml')).toContain('!file');
    for (const f of files.filter((f) => f.endsWith('.yaml'))) {
      expect(out.read(`exported/${f}`)).not.toMatch(/\b(con|rol|lst|cgr)_[A-Za-z0-9]{8,}/);
    }
    // Server defaults are left out, so the config stays short.
    expect(out.read('exported/client_grants.yaml')).not.toContain('subject_type');
    expect(out.read('exported/resource_servers.yaml')).not.toContain('token_dialect');
    expect(out.read('exported/connections.yaml')).not.toContain('strategy_version');
    expect(out.read('exported/connections.yaml')).toContain('passwordPolicy: excellent'); // not the default
    expect(out.read('exported/triggers.yaml')).not.toContain('display_name');
    expect(out.read('exported/tenant.yaml')).not.toContain('""');
    // System objects are left out.
    expect(out.read('exported/clients.yaml')).not.toContain(t.emulator.credentials.clientId);
    expect(out.read('exported/resource_servers.yaml')).not.toContain('/api/v2/');
    // Each YAML file names the schema for editors, by a path that resolves from where it is.
    const first = out.read('exported/clients.yaml').split('\n')[0];
    expect(first).toMatch(/^# yaml-language-server: \$schema=\S+tenantform\.schema\.json$/);
    const schemaPath = resolve(out.path('exported'), first.split('$schema=')[1]);
    expect(readFileSync(schemaPath, 'utf8')).toContain('"title": "tenantform configuration"');
  });

  it('plan against the exported config shows no change, with the listed variables set', async () => {
    const env = exportedValues(variablesListed());
    const result = await t.run(['plan', '-c', exportDir(), '--detailed-exitcode'], env);
    expect(result.stdout + result.stderr, result.stdout).toContain('No changes');
    expect(result.code).toBe(0);
    const plan = await planJson(t, ['-c', exportDir()], env);
    expect(plan.changes).toEqual([]);
  });

  it('the exported config applies to a fresh tenant, which then plans no change', async () => {
    const env = exportedValues(variablesListed());
    const fresh = await startHarness();
    try {
      const applied = await fresh.run(['apply', '-c', exportDir(), '--auto-approve'], env);
      expect(applied.code, `${applied.stdout}\n${applied.stderr}`).toBe(0);
      const plan = await planJson(fresh, ['-c', exportDir()], env);
      expect(plan.changes).toEqual([]);
      for (const value of Object.values(SECRETS)) {
        expect(fresh.transcript.join('\n')).not.toContain(value.replace('Bearer ', ''));
      }
    } finally {
      await fresh.close();
    }
  });

  it('refuses to overwrite existing files, and writes nothing', async () => {
    const before = out.files().map((f) => [f, out.read(f)]);
    const result = await t.run(['export', '-o', exportDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/never overwrites/);
    expect(result.stderr).toContain('clients.yaml');
    expect(out.files().map((f) => [f, out.read(f)])).toEqual(before);
  });

  it('no secret value appears in any exported file or any output', () => {
    const texts = [...out.files().map((f) => out.read(f)), ...t.transcript];
    for (const value of Object.values(SECRETS)) {
      for (const text of texts) expect(text).not.toContain(value.replace('Bearer ', ''));
    }
  });
});

function variablesListed(): string[] {
  return out
    .read('exported/secrets.env.example')
    .split('\n')
    .filter((l) => /^[A-Z0-9_]+=/.test(l))
    .map((l) => l.slice(0, -1));
}

/**
 * The variables export listed, set to the values this test used: the exported name says
 * which object and field it stands for.
 */
function exportedValues(names: string[]): NodeJS.ProcessEnv {
  const pick = (name: string): string | undefined => {
    if (/LEDGER.*SIGNING_SECRET/.test(name)) return SECRETS.LEDGER_SIGNING_SECRET;
    if (/STAFF_GOOGLE.*CLIENT_SECRET/.test(name)) return SECRETS.STAFF_GOOGLE_SECRET;
    if (/ENRICH_TOKEN.*NAMESPACE/.test(name)) return SECRETS.ENRICH_NAMESPACE;
    if (/AUDIT.*AUDIT_KEY/.test(name)) return SECRETS.AUDIT_KEY;
    if (/SIEM.*HTTP_AUTHORIZATION/.test(name)) return SECRETS.SIEM_TOKEN;
    if (/DATADOG.*API_KEY/.test(name)) return SECRETS.DATADOG_KEY;
    return undefined;
  };
  const env: NodeJS.ProcessEnv = {};
  for (const name of names) {
    const value = pick(name);
    if (value === undefined) throw new Error(`export asked for an unexpected variable ${name}`);
    env[name] = value;
  }
  return env;
}
