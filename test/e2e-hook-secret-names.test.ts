// A hook's secrets are write-only (the API reads back names only): export writes every name
// with a ${VAR} for its value, never a value, and the export plans no change.

import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir, withTenantDir } from './fixtures/tenant-harness.ts';

describe('hook secrets in export', () => {
  const env = { PAYMENTS_KEY: 'payments-key-4e1f0c', AUDIT_TOKEN: 'audit-token-77b2aa' };
  const t = withTenantDir({
    'tenant.yaml': [
      'hooks:',
      '  - name: notify-signup',
      '    triggerId: post-user-registration',
      "    script: 'module.exports = function (user, context, cb) { cb(); };'",
      '    enabled: true',
      '    secrets: { PAYMENTS_KEY: "${PAYMENTS_KEY}", AUDIT_TOKEN: "${AUDIT_TOKEN}" }',
    ].join('\n'),
  });
  beforeAll(async () => {
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], env);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  });

  it('names every secret with a placeholder, lists the variables, shows no value; the export plans no change', async () => {
    const out = tempDir();
    try {
      const exported = await t.h.run(['export', '-o', out.path('tenant')]);
      expect(exported.code, exported.stdout + exported.stderr).toBe(0);
      const [hook] = parse(out.read('tenant/hooks.yaml')).hooks as { secrets: Record<string, string> }[];
      expect(Object.keys(hook!.secrets).sort()).toEqual(['AUDIT_TOKEN', 'PAYMENTS_KEY']);
      for (const value of Object.values(hook!.secrets)) expect(value).toMatch(/^\$\{[A-Z0-9_]+\}$/);
      const variables = out
        .read('tenant/secrets.env.example')
        .split('\n')
        .flatMap((line) => /^([A-Z0-9_]+)=/.exec(line)?.slice(1) ?? []);
      expect(variables).toEqual(
        expect.arrayContaining(Object.values(hook!.secrets).map((v) => v.slice(2, -1))),
      );
      const everything =
        out
          .files()
          .map((f) => out.read(f))
          .join('\n') +
        exported.stdout +
        exported.stderr;
      for (const value of Object.values(env)) expect(everything).not.toContain(value);

      // The variables set to the values the tenant holds: nothing to do (their digests match)…
      const filled = Object.fromEntries(
        Object.entries(hook!.secrets).map(([name, ref]) => [ref.slice(2, -1), env[name as keyof typeof env]]),
      );
      const plan = await t.h.run(
        ['plan', '-c', out.path('tenant'), '--detailed-exitcode', '--only', 'hooks'],
        filled,
      );
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
      // …set to something else, the hook's secrets are written.
      const other = Object.fromEntries(Object.keys(filled).map((v) => [v, 'another-value']));
      const changed = await t.h.run(['plan', '-c', out.path('tenant'), '--only', 'hooks'], other);
      expect(changed.stdout).toContain('secrets.PAYMENTS_KEY: (sensitive, changed in config)');
    } finally {
      out.remove();
    }
  });
});
