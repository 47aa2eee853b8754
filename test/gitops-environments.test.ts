// Environments: the same config planned and applied with one values file per environment
// gives each environment its own values (examples/environments), and a saved plan made with
// a values file resolves its secrets from the environment at apply time.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJson, startHarness, type Harness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/environments', import.meta.url));
const CONFIG = `${EXAMPLE}/tenant.yaml`;
const DEV = `${EXAMPLE}/env/dev.yaml`;
const PROD = `${EXAMPLE}/env/prod.yaml`;
const PROD_SECRET = 'prod-signing-secret-from-the-ci-store-7c1e9a3f5b2d0846';

let dev: Harness;
let prod: Harness;
let d: TempDir;
beforeAll(async () => {
  [dev, prod] = await Promise.all([startHarness(), startHarness()]);
  d = tempDir();
});
afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close()]);
  d?.remove();
});

type Planned = Awaited<ReturnType<typeof planJson>>;
const afterOf = (plan: Planned, address: string, path: string) =>
  plan.changes.find((c) => c.address === address)?.fields.find((f) => f.path === path)?.after;

describe('one config, two values files', () => {
  it('plans each environment with its own values', async () => {
    const devPlan = await planJson(dev, ['-c', CONFIG, '--values', DEV]);
    const prodPlan = await planJson(prod, ['-c', CONFIG, '--values', PROD], {
      API_SIGNING_SECRET: PROD_SECRET,
    });

    expect(devPlan.changes.map((c) => c.address)).toContain(
      'resource_servers.https://api.dev.acme.example/bookings',
    );
    expect(prodPlan.changes.map((c) => c.address)).toContain(
      'resource_servers.https://api.acme.example/bookings',
    );
    expect(afterOf(devPlan, 'clients.Acme Travel (SPA)', 'callbacks')).toEqual([
      'https://localhost:3000/callback',
    ]);
    expect(afterOf(prodPlan, 'clients.Acme Travel (SPA)', 'callbacks')).toEqual([
      'https://app.acme.example/callback',
    ]);
    expect(afterOf(devPlan, 'tenant.default', 'friendly_name')).toBe('Acme Travel (dev)');
    expect(afterOf(prodPlan, 'tenant.default', 'friendly_name')).toBe('Acme Travel');
    expect(afterOf(devPlan, 'tenant.default', 'support_email')).toBe('support@dev.acme.example');
    expect(afterOf(prodPlan, 'tenant.default', 'support_email')).toBe('support@acme.example');
    expect(JSON.stringify(prodPlan)).not.toContain(PROD_SECRET);
  });

  it('the environment wins over the values file', async () => {
    const plan = await planJson(dev, ['-c', CONFIG, '--values', DEV], {
      APP_DOMAIN: 'preview-42.acme.example',
    });
    expect(afterOf(plan, 'clients.Acme Travel (SPA)', 'callbacks')).toEqual([
      'https://preview-42.acme.example/callback',
    ]);
  });

  it('prod without its secret in the environment fails, naming the variable and where it is used', async () => {
    const result = await prod.run(['plan', '-c', CONFIG, '--values', PROD]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('API_SIGNING_SECRET');
    expect(result.stderr).toMatch(/tenant\.yaml:\d+/);
  });

  it('a saved prod plan applies with --values and the secret from the environment; each tenant gets its values', async () => {
    const file = d.path('prod-plan.json');
    const planned = await prod.run(['plan', '-c', CONFIG, '--values', PROD, '--out', file], {
      API_SIGNING_SECRET: PROD_SECRET,
    });
    expect(planned.code, planned.stderr).toBe(0);
    expect(d.read('prod-plan.json')).not.toContain(PROD_SECRET);
    // Non-secret variables are stored as the values reviewed; the secret as its reference.
    expect(d.read('prod-plan.json')).toContain('https://app.acme.example/callback');
    expect(d.read('prod-plan.json')).not.toContain('${APP_DOMAIN}');
    expect(d.read('prod-plan.json')).toContain('${API_SIGNING_SECRET}');
    const applied = await prod.run(['apply', file, '--values', PROD], { API_SIGNING_SECRET: PROD_SECRET });
    expect(applied.code, applied.stderr).toBe(0);
    const devApplied = await dev.run(['apply', '-c', CONFIG, '--values', DEV, '--auto-approve']);
    expect(devApplied.code, devApplied.stderr).toBe(0);

    const spa = async (t: Harness) =>
      (await t.api<{ name: string; callbacks: string[] }[]>('GET', '/clients')).find(
        (c) => c.name === 'Acme Travel (SPA)',
      );
    expect((await spa(prod))?.callbacks).toEqual(['https://app.acme.example/callback']);
    expect((await spa(dev))?.callbacks).toEqual(['https://localhost:3000/callback']);
    const api = (
      await prod.api<{ identifier: string; signing_secret?: string }[]>('GET', '/resource-servers')
    ).find((s) => s.identifier === 'https://api.acme.example/bookings');
    expect(api?.signing_secret).toBe(PROD_SECRET);

    expect(
      (await planJson(prod, ['-c', CONFIG, '--values', PROD], { API_SIGNING_SECRET: PROD_SECRET })).changes,
    ).toEqual([]);
    expect((await planJson(dev, ['-c', CONFIG, '--values', DEV])).changes).toEqual([]);
    expect([...prod.transcript, ...dev.transcript].join('\n')).not.toContain(PROD_SECRET);
  });
});
