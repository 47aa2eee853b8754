// End to end over real HTTP: the Firebase push providers (FCM, FCM v1), which the API never
// reads (the PUT answers `{}`). Their one field is write-only, so the digest apply records is
// all tenantform knows: written by the first apply, then recorded; a changed
// variable is exactly one PUT, an unchanged one none; export writes nothing of them.

import { describe, expect, it } from 'vitest';
import { planJson, tempDir, withTenantDir } from './fixtures/tenant-harness.ts';

const CONFIG = `
guardian_push_fcm:
  server_key: \${FCM_SERVER_KEY}
guardian_push_fcmv1:
  server_credentials: \${FCM_CREDENTIALS}
`;

const PUSH = '/guardian/factors/push-notification/providers';
const MARK = 'fcm-secret-mark';
const first = {
  FCM_SERVER_KEY: `${MARK}-key-1`,
  FCM_CREDENTIALS: `{"type":"service_account","k":"${MARK}-1"}`,
};
const ROTATE = ['--rotate', 'guardian_push_fcm.default', '--rotate', 'guardian_push_fcmv1.default'];

const t = withTenantDir({ 'tenant.yaml': CONFIG });

const stored = (provider: string) => t.h.emulator.store.singletons.get(`${PUSH}/${provider}`);
const writesSince = (count: number) =>
  t.h
    .writes()
    .slice(count)
    .map((w) => `${w.method} ${w.path}`);

describe.sequential('guardian push providers without a read (FCM, FCM v1)', () => {
  it('are written by the first apply (nothing to read, so config decides), then recorded', async () => {
    const plan = await planJson(t.h, ['-c', t.dir.dir], first);
    expect(plan.changes.map((c) => [c.address, c.fields.map((f) => `${f.path}: ${f.secretWrite}`)])).toEqual([
      [
        'guardian_push_fcm.default',
        ['server_key: written: the API cannot read it back, and tenantform has not written it yet'],
      ],
      [
        'guardian_push_fcmv1.default',
        ['server_credentials: written: the API cannot read it back, and tenantform has not written it yet'],
      ],
    ]);
    expect(plan.untrackedSecrets).toBeUndefined();
    const before = t.h.writes().length;
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], first);
    expect(applied.code, applied.stderr).toBe(0);
    expect(writesSince(before).sort()).toEqual([`PUT ${PUSH}/fcm`, `PUT ${PUSH}/fcmv1`]);
    expect(stored('fcm')).toEqual({ server_key: first.FCM_SERVER_KEY });
    expect(stored('fcmv1')).toEqual({ server_credentials: first.FCM_CREDENTIALS });

    const again = await planJson(t.h, ['-c', t.dir.dir], first);
    expect(again.changes).toEqual([]);
    expect(again.untrackedSecrets).toBeUndefined();
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], first)).code).toBe(0);
  });

  it('--rotate writes one again (a key changed in the dashboard), then the plan is empty', async () => {
    const plan = await t.h.run(['plan', '-c', t.dir.dir, ...ROTATE], first);
    expect(plan.stdout).toContain('server_key: (sensitive, written: --rotate)');
    const before = t.h.writes().length;
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve', ...ROTATE], first);
    expect(applied.code, applied.stderr).toBe(0);
    expect(writesSince(before).sort()).toEqual([`PUT ${PUSH}/fcm`, `PUT ${PUSH}/fcmv1`]);
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], first)).code).toBe(0);
  });

  it('an unchanged secret causes no write', async () => {
    const before = t.h.writes().length;
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], first);
    expect(applied.code, applied.stderr).toBe(0);
    expect(writesSince(before)).toEqual([]);
  });

  it('a changed secret is one sensitive update, exactly one PUT, then converges', async () => {
    const next = { ...first, FCM_SERVER_KEY: `${MARK}-key-2` };
    const plan = await planJson(t.h, ['-c', t.dir.dir], next);
    expect(plan.changes.map((c) => [c.address, c.fields.map((f) => `${f.path}: ${f.secretWrite}`)])).toEqual([
      ['guardian_push_fcm.default', ['server_key: changed in config']],
    ]);
    const text = await t.h.run(['plan', '-c', t.dir.dir], next);
    expect(text.stdout).toContain('server_key: (sensitive, changed in config)');

    const before = t.h.writes().length;
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], next);
    expect(applied.code, applied.stderr).toBe(0);
    expect(writesSince(before)).toEqual([`PUT ${PUSH}/fcm`]);
    expect(stored('fcm')).toEqual({ server_key: next.FCM_SERVER_KEY });
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], next)).code).toBe(0);
    Object.assign(first, next);
  });

  it('export writes nothing of them (nothing is readable), and the export plans no change', async () => {
    const out = tempDir();
    try {
      const exported = await t.h.run(['export', '-o', out.path('tenant')]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(out.files().filter((f) => f.includes('guardian_push_fcm'))).toEqual([]);
      const replanned = await t.h.run(['plan', '--detailed-exitcode', '-c', out.path('tenant')]);
      expect(replanned.code, replanned.stdout).toBe(0);
    } finally {
      out.remove();
    }
  });

  it('no secret value appears in any output', () => {
    expect(t.h.transcript.join('\n')).not.toContain(MARK);
  });
});
