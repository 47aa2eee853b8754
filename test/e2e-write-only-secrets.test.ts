// End to end over real HTTP: write-only secrets (the API never returns them) reach the tenant
// when config changes them, cause no write when it does not, are written on --rotate when
// tenantform has no digest of them, and every secret an update sends is listed in its plan.

import { describe, expect, it } from 'vitest';
import { DIGESTS_IDENTIFIER } from '../src/apply/tenantform-objects.ts';
import { digestRequests, planJson, withTenantDir } from './fixtures/tenant-harness.ts';

const CONFIG = `
resource_servers:
  - name: Payments
    identifier: https://payments.example
    signing_alg: HS256
    signing_secret: \${RS_SECRET}
actions:
  - name: stamp
    code: "exports.onExecutePostLogin = async () => {};"
    runtime: node22
    supported_triggers:
      - { id: post-login, version: v3 }
    secrets:
      - { name: API_KEY, value: '\${ACTION_KEY}' }
      - { name: OTHER, value: '\${OTHER_KEY}' }
email_provider:
  name: mailgun
  default_from_address: no-reply@acme.example
  credentials:
    api_key: \${MAILGUN_KEY}
    domain: mg.acme.example
`;

const MARK = 'wo-secret-mark';
const first = {
  RS_SECRET: `${MARK}-rs-1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
  ACTION_KEY: `${MARK}-action-1`,
  OTHER_KEY: `${MARK}-other-1`,
  MAILGUN_KEY: `${MARK}-mailgun-1`,
};

const t = withTenantDir({ 'tenant.yaml': CONFIG });

const stored = <T>(collection: string) => [...t.h.emulator.store.collection(collection).values()] as T[];
const signingSecret = () =>
  stored<{ identifier: string; signing_secret?: string }>('/resource-servers').find(
    (r) => r.identifier === 'https://payments.example',
  )?.signing_secret;
const actionSecrets = () =>
  Object.fromEntries(
    (stored<{ secrets: { name: string; value: string }[] }>('/actions/actions')[0]?.secrets ?? []).map(
      (s) => [s.name, s.value],
    ),
  );
const fieldsOf = (plan: Awaited<ReturnType<typeof planJson>>) =>
  plan.changes.map((c) => [
    c.address,
    c.fields.map((f) => `${f.label ?? f.path}: ${f.secretWrite ?? f.after}`),
  ]);

describe.sequential('write-only secrets', () => {
  it('are recorded on create, so an unchanged one plans nothing', async () => {
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], first);
    expect(applied.code, applied.stderr).toBe(0);
    expect([...digestRequests(t.h.requests)].map((r) => r.method)).toEqual(['POST']);
    const store = stored<{ identifier: string; scopes: { description: string }[] }>('/resource-servers').find(
      (r) => r.identifier === DIGESTS_IDENTIFIER,
    );
    // The salt and one digest per secret, none of them a value.
    expect(store?.scopes).toHaveLength(5);
    expect(JSON.stringify(store)).not.toContain(MARK);

    const plan = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], first);
    expect(plan.code, plan.stdout).toBe(0);
    expect(plan.stdout).not.toMatch(/write-only/);
    // The digest store is tenantform's own: no plan or export shows it.
    expect(plan.stdout).not.toContain(DIGESTS_IDENTIFIER);
  });

  it('a changed one is planned first as a sensitive write, reaches the tenant, and converges', async () => {
    const next = {
      ...first,
      RS_SECRET: `${MARK}-rs-2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb`,
      ACTION_KEY: `${MARK}-action-2`,
    };
    const plan = await planJson(t.h, ['-c', t.dir.dir], next);
    expect(fieldsOf(plan)).toEqual([
      // The API returns this one: compared as any secret is, shown masked.
      ['resource_servers.https://payments.example', ['signing_secret: (sensitive)']],
      [
        'actions.stamp',
        ['secrets[API_KEY].value: changed in config', 'secrets[OTHER].value: sent again, unchanged'],
      ],
    ]);
    const text = await t.h.run(['plan', '-c', t.dir.dir], next);
    expect(text.stdout).toContain('~ secrets[API_KEY].value: (sensitive, changed in config)');
    expect(text.stdout).not.toContain(MARK);

    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], next);
    expect(applied.code, applied.stderr).toBe(0);
    expect(signingSecret()).toBe(next.RS_SECRET);
    expect(actionSecrets()).toEqual({ API_KEY: next.ACTION_KEY, OTHER: next.OTHER_KEY });
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], next)).code).toBe(0);
    Object.assign(first, next);
  });

  it('a secret sent with its parent object is listed though only a sibling changed', async () => {
    t.dir.write('tenant.yaml', CONFIG.replace('mg.acme.example', 'mail.acme.example'));
    const plan = await planJson(t.h, ['-c', t.dir.dir], first);
    expect(fieldsOf(plan)).toEqual([
      [
        'email_provider.default',
        ['credentials.domain: mail.acme.example', 'credentials.api_key: sent again, unchanged'],
      ],
    ]);
    expect((await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], first)).code).toBe(0);
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], first)).code).toBe(0);
  });

  it('one tenantform did not write is reported untracked, and written with --rotate', async () => {
    const forgotten = { ...first, ACTION_KEY: `${MARK}-action-3` };
    // A tenant whose digests are gone (an older tenantform, or a store deleted by hand).
    const stores = stored<{ id: string; identifier: string }>('/resource-servers');
    const store = stores.find((r) => r.identifier === DIGESTS_IDENTIFIER);
    await t.h.api('DELETE', `/resource-servers/${store?.id}`);
    const untracked = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], forgotten);
    expect(untracked.code).toBe(0);
    // The action's two and the email provider's key; the API's signing secret is readable.
    expect(untracked.stdout).toContain('3 write-only secrets in config were not written by tenantform');
    expect(untracked.stdout).toContain('actions.stamp: secrets[API_KEY].value');
    const json = await planJson(t.h, ['-c', t.dir.dir], forgotten);
    expect(json.untrackedSecrets).toContainEqual({
      address: 'actions.stamp',
      field: 'secrets[API_KEY].value',
    });

    const rotate = await planJson(t.h, ['-c', t.dir.dir, '--rotate', 'actions.stamp'], forgotten);
    expect(fieldsOf(rotate)).toEqual([
      [
        'actions.stamp',
        ['secrets[API_KEY].value: written: --rotate', 'secrets[OTHER].value: written: --rotate'],
      ],
    ]);
    expect(
      (await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve', '--rotate', 'all'], forgotten)).code,
    ).toBe(0);
    expect(actionSecrets()).toEqual({ API_KEY: forgotten.ACTION_KEY, OTHER: forgotten.OTHER_KEY });
    const after = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], forgotten);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).not.toMatch(/write-only/);
  });

  it('a saved plan carries the write, never the value, and applying it records the digest', async () => {
    const next = { ...first, ACTION_KEY: `${MARK}-action-4`, OTHER_KEY: `${MARK}-other-4` };
    const file = t.dir.path('plan.json');
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--out', file], next)).code).toBe(0);
    const saved = t.dir.read('plan.json');
    t.h.transcript.push(saved);
    expect(saved).toContain('changed in config');
    const applied = await t.h.run(['apply', file], next);
    expect(applied.code, applied.stderr).toBe(0);
    expect(actionSecrets()).toEqual({ API_KEY: next.ACTION_KEY, OTHER: next.OTHER_KEY });
    expect((await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], next)).code).toBe(0);
    Object.assign(first, next);
  });

  it('a renamed object (tenantform.moved) keeps its digests: no secret write, nothing untracked', async () => {
    const current = t.dir.read('tenant.yaml').replace('name: stamp', 'name: stamp-v2');
    t.dir.write('tenant.yaml', `tenantform:\n  moved:\n    actions:\n      stamp: stamp-v2\n${current}`);
    const plan = await planJson(t.h, ['-c', t.dir.dir], first);
    expect(fieldsOf(plan)).toEqual([['actions.stamp-v2', ['name: stamp-v2']]]);
    expect(plan.untrackedSecrets).toBeUndefined();
    const applied = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], first);
    expect(applied.code, applied.stderr).toBe(0);
    const after = await t.h.run(['plan', '-c', t.dir.dir, '--detailed-exitcode'], first);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).not.toMatch(/write-only/);
    // And a changed secret of the renamed object is still seen as changed.
    const next = { ...first, OTHER_KEY: `${MARK}-other-5` };
    expect(fieldsOf(await planJson(t.h, ['-c', t.dir.dir], next))).toEqual([
      [
        'actions.stamp-v2',
        ['secrets[OTHER].value: changed in config', 'secrets[API_KEY].value: sent again, unchanged'],
      ],
    ]);
    t.dir.write('tenant.yaml', current);
  });

  it('--rotate naming no object of the config is an error, and nothing prints a value', async () => {
    const wrong = await t.h.run(['plan', '-c', t.dir.dir, '--rotate', 'actions.nope'], first);
    expect(wrong.stdout).toBe('');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--rotate actions.nope: no such object in the config');
    expect(t.h.transcript.join('\n')).not.toContain(MARK);
  });
});
