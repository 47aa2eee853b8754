// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} templates are what these tests are about
// Values files holding lists and objects, end to end over HTTP: `callbacks: ${CALLBACKS}`
// takes the list a values file gives, per environment; the result is checked by the config
// schema, and a wrong one is an error naming the config's file and line and the values
// file's; environment variables stay text.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJson, startHarness, type Harness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const CONFIG = [
  'clients:',
  '  - name: Portal',
  '    app_type: regular_web',
  '    callbacks: ${CALLBACKS}',
  '    allowed_logout_urls: ${LOGOUT_URLS:-}',
  '    jwt_configuration: ${JWT}',
  '',
].join('\n');

const DEV = [
  'CALLBACKS:',
  '  - http://localhost:3000/callback',
  '  - https://dev.portal.example/callback',
  'LOGOUT_URLS: [http://localhost:3000]',
  'JWT: { lifetime_in_seconds: 600, alg: RS256 }',
  '',
].join('\n');

const PROD = [
  'CALLBACKS: [https://portal.example/callback]',
  'LOGOUT_URLS: [https://portal.example]',
  'JWT: { lifetime_in_seconds: 36000, alg: RS256 }',
  '',
].join('\n');

let h: Harness;
let d: TempDir;
beforeAll(async () => {
  h = await startHarness();
  d = tempDir({ 'tenant.yaml': CONFIG, 'env/dev.yaml': DEV, 'env/prod.yaml': PROD });
});
afterAll(async () => {
  await h?.close();
  d?.remove();
});

const afterOf = (plan: Awaited<ReturnType<typeof planJson>>, path: string) =>
  plan.changes[0]?.fields.find((f) => f.path === path)?.after;

describe('values files holding lists and objects', () => {
  it('each environment gets its own list and object', async () => {
    const dev = await planJson(h, ['-c', d.path('tenant.yaml'), '--values', d.path('env/dev.yaml')]);
    expect(afterOf(dev, 'callbacks')).toEqual([
      'http://localhost:3000/callback',
      'https://dev.portal.example/callback',
    ]);
    expect(afterOf(dev, 'allowed_logout_urls')).toEqual(['http://localhost:3000']);
    expect(afterOf(dev, 'jwt_configuration')).toEqual({ lifetime_in_seconds: 600, alg: 'RS256' });
    const prod = await planJson(h, ['-c', d.path('tenant.yaml'), '--values', d.path('env/prod.yaml')]);
    expect(afterOf(prod, 'callbacks')).toEqual(['https://portal.example/callback']);
  });

  it('applies them (from a saved plan too) and the next plan is empty', async () => {
    const args = ['-c', d.path('tenant.yaml'), '--values', d.path('env/dev.yaml')];
    const saved = await h.run(['plan', ...args, '--out', d.path('plan.json')]);
    expect(saved.code, saved.stderr).toBe(0);
    const applied = await h.run(['apply', d.path('plan.json')]);
    expect(applied.code, applied.stderr).toBe(0);
    const portal = (
      await h.get<
        { name: string; callbacks: string[]; jwt_configuration: { lifetime_in_seconds: number } }[]
      >('/clients')
    ).find((c) => c.name === 'Portal');
    expect(portal?.callbacks).toEqual([
      'http://localhost:3000/callback',
      'https://dev.portal.example/callback',
    ]);
    expect(portal?.jwt_configuration.lifetime_in_seconds).toBe(600);
    expect((await planJson(h, args)).changes).toEqual([]);
  });

  it('export with this config writes the whole ${VAR}s back', async () => {
    const args = ['-c', d.path('tenant.yaml'), '--values', d.path('env/dev.yaml')];
    const result = await h.run(['export', ...args, '-o', d.path('exported')]);
    expect(result.code, result.stderr).toBe(0);
    const clients = d.read('exported/clients.yaml');
    expect(clients).toContain('callbacks: ${CALLBACKS}');
    expect(clients).toContain('jwt_configuration: ${JWT}');
    expect(
      (await planJson(h, ['-c', d.path('exported'), '--values', d.path('env/dev.yaml')])).changes,
    ).toEqual([]);
  });

  it('a value of the wrong type is a schema error at the config line, naming the values file', async () => {
    d.write('env/bad.yaml', `${PROD}CALLBACKS: { url: https://x }\n`.replace(/^CALLBACKS: \[.*\n/m, ''));
    const writes = h.writes().length;
    const result = await h.run(['plan', '-c', d.path('tenant.yaml'), '--values', d.path('env/bad.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${d.path('tenant.yaml')}:4:`);
    expect(result.stderr).toMatch(/callbacks: .*array.*\(the value of CALLBACKS in .*env\/bad\.yaml:3\)/);
    expect(h.writes().length).toBe(writes);
  });

  it('a list inside text is refused, naming the values file', async () => {
    d.write(
      'text.yaml',
      CONFIG.replace(
        'app_type: regular_web',
        "description: 'Calls back to ${CALLBACKS}'\n    app_type: regular_web",
      ),
    );
    const result = await h.run(['validate', '-c', d.path('text.yaml'), '--values', d.path('env/dev.yaml')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /text\.yaml:3:\d+: .*description: variable CALLBACKS holds a list \(.*env\/dev\.yaml:2\), which cannot go inside text/,
    );
  });

  it('an environment variable stays text, wins over the values file, and is checked as such', async () => {
    const result = await h.run(['plan', '-c', d.path('tenant.yaml'), '--values', d.path('env/dev.yaml')], {
      CALLBACKS: 'https://portal.example/callback',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tenant\.yaml:4:\d+: clients\[0\]\.callbacks: .*array/);
    expect(result.stderr).not.toContain('the value of CALLBACKS');
  });
});
