// The safety net under declared secrets: a field whose name says secret (an Apple
// `app_secret`, SMS `gateway_authentication.secret`, Twitter `consumer_secret`), though no
// spec declares it, is masked in every output, kept as its ${VAR} in saved plans, replaced by
// a placeholder in export, and refused when written literally. And export replaces every
// key under a wildcard-leaf secret (`options.configuration.*`).

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, tempDir, type TempDir } from './fixtures/tenant-harness.ts';

const VALUES = {
  APPLE_SECRET: 'net-apple-7c1e55d0',
  SMS_SECRET: 'net-sms-90ab3f2e',
  TWITTER_SECRET: 'net-twitter-4d8812aa',
  DB_PASSWORD: 'net-db-password-e1f0c3',
  DB_HOST: 'net-db-host-5a77',
};
const CONFIG = `connections:
  - name: apple-login
    strategy: apple
    options: { client_id: com.example.app, app_secret: '\${APPLE_SECRET}', kid: K1, team_id: T1 }
  - name: sms-login
    strategy: sms
    options:
      provider: sms_gateway
      gateway_url: https://sms.example/send
      gateway_authentication: { method: bearer, subject: tf, audience: https://sms.example, secret: '\${SMS_SECRET}' }
  - name: twitter-login
    strategy: twitter
    options: { client_id: tw-id, consumer_secret: '\${TWITTER_SECRET}' }
  - name: legacy-db
    strategy: auth0
    options:
      enabledDatabaseCustomization: true
      configuration: { DB_PASSWORD: '\${DB_PASSWORD}', DB_HOST: '\${DB_HOST}' }
`;

describe('secrets found by their names', () => {
  let h: Harness;
  let dir: TempDir;
  beforeAll(async () => {
    h = await startHarness();
    dir = tempDir({ 'tenant.yaml': CONFIG });
  });
  afterAll(async () => {
    await h.close();
    dir.remove();
  });

  it('never appear in plans, apply, drift, saved plans or export, yet reach the tenant', async () => {
    for (const format of ['text', 'json', 'markdown']) {
      const planned = await h.run(['plan', '-c', dir.dir, '--format', format], VALUES);
      expect(planned.code, planned.stderr).toBe(0);
      expect(planned.stdout).toContain('(sensitive)');
    }
    const planFile = dir.path('plan.json');
    expect((await h.run(['plan', '-c', dir.dir, '--out', planFile], VALUES)).code).toBe(0);
    const saved = readFileSync(planFile, 'utf8');
    expect(saved).toContain('${APPLE_SECRET}');
    expect(saved).toContain('${SMS_SECRET}');
    h.transcript.push(saved);
    const applied = await h.run(['apply', planFile], VALUES);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect((await h.run(['drift', '-c', dir.dir], VALUES)).code).toBe(0);

    const out = tempDir();
    expect((await h.run(['export', '-o', out.dir])).code).toBe(0);
    const exported = out
      .files()
      .map((f) => out.read(f))
      .join('\n');
    h.transcript.push(exported);
    expect(exported).toMatch(/app_secret: \$\{[A-Z_]+\}/);
    expect(exported).toMatch(/DB_PASSWORD: \$\{[A-Z_]+\}/);
    expect(exported).toContain('DB_HOST: ${');
    out.remove();

    const everything = h.transcript.join('\n');
    for (const value of Object.values(VALUES)) expect(everything).not.toContain(value);
    // …and the tenant has them.
    const connections = await h.get<{ name: string; options: Record<string, unknown> }[]>('/connections');
    const apple = connections.find((c) => c.name === 'apple-login');
    expect(apple?.options.app_secret).toBe(VALUES.APPLE_SECRET);
  }, 120_000);

  it('written literally, is refused by validate at its file and line', async () => {
    const literal = tempDir({ 'tenant.yaml': CONFIG.replace("'${APPLE_SECRET}'", 'clear-text-apple') });
    const result = await h.run(['validate', '-c', literal.dir], VALUES);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /tenant\.yaml:4:\d+: connections\."apple-login"\.options\.app_secret: is a secret written literally/,
    );
    expect(result.stderr).not.toContain('clear-text-apple');
    literal.remove();
  });
});
