// End to end over real HTTP: secret values set through ${VAR} (an action secret, a log
// stream's httpAuthorization) and the deployer's credentials never appear in anything
// tenantform prints (plan in every format, apply, drift) or in the plan file it saves.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withExampleTenant } from './fixtures/tenant-harness.ts';

const t = withExampleTenant();

const MARK = 'e2e-secret';
const first = {
  CLAIMS_NAMESPACE: `https://ns.${MARK}-action-7f3a9`,
  SIEM_TOKEN: `Bearer ${MARK}-siem-4b21c`,
};
const rotated = {
  CLAIMS_NAMESPACE: `https://ns.${MARK}-action-rotated-91d0`,
  SIEM_TOKEN: `Bearer ${MARK}-siem-rotated-c3e8`,
};

/** Every read-only command in every format, then apply, then drift again. */
async function everyCommand(env: NodeJS.ProcessEnv): Promise<void> {
  for (const format of ['text', 'json', 'markdown']) {
    expect((await t.h.run(['plan', '-c', t.config.dir, '--format', format], env)).code).toBe(0);
    expect([0, 2]).toContain((await t.h.run(['drift', '-c', t.config.dir, '--format', format], env)).code);
  }
  const planFile = join(t.config.dir, 'plan.json');
  expect((await t.h.run(['plan', '-c', t.config.dir, '--out', planFile], env)).code).toBe(0);
  t.h.transcript.push(readFileSync(planFile, 'utf8'));
  expect((await t.h.run(['apply', '-c', t.config.dir, '--auto-approve'], env)).code).toBe(0);
  for (const format of ['text', 'json', 'markdown']) {
    expect((await t.h.run(['drift', '-c', t.config.dir, '--format', format], env)).code).toBe(0);
  }
}

describe.sequential('secrets never appear in output', () => {
  it('on create, on a rotated secret, and on drift', async () => {
    await everyCommand(first);
    // The secrets did reach the tenant…
    const streams = (await t.h.get('/log-streams')) as { sink: { httpAuthorization?: string } }[];
    expect(streams.map((s) => s.sink.httpAuthorization)).toContain(first.SIEM_TOKEN);

    // …a rotated one shows as a sensitive change…
    const plan = await t.h.run(['plan', '-c', t.config.dir, '--detailed-exitcode'], rotated);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('(sensitive)');
    const drift = await t.h.run(['drift', '-c', t.config.dir], rotated);
    expect(drift.code).toBe(2);
    await everyCommand(rotated);

    // …a secret added to an action shows in the plan with its value masked, and converges.
    t.config.edit(
      "      - { name: NAMESPACE, value: '${CLAIMS_NAMESPACE:-https://acme.example}' }\n",
      "      - { name: NAMESPACE, value: '${CLAIMS_NAMESPACE:-https://acme.example}' }\n      - { name: API_KEY, value: '${API_KEY}' }\n",
    );
    const added = { ...rotated, API_KEY: `${MARK}-api-key-55aa` };
    const json = await t.h.run(['plan', '-c', t.config.dir, '--format', 'json'], added);
    const changes = JSON.parse(json.stdout).changes as {
      address: string;
      fields: { path: string; after: unknown }[];
    }[];
    expect(changes.map((c) => [c.address, c.fields.map((f) => f.path)])).toEqual([
      ['actions.add-roles-to-token', ['secrets']],
    ]);
    expect(JSON.stringify(changes[0].fields[0].after)).toMatch(/API_KEY/);
    await everyCommand(added);
    // The values did reach the tenant (the emulator's store keeps what reads never return).
    const [action] = [...t.h.emulator.store.collection('/actions/actions').values()] as {
      secrets: { name: string; value: string }[];
    }[];
    expect(action.secrets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'API_KEY', value: added.API_KEY }),
        expect.objectContaining({ name: 'NAMESPACE', value: added.CLAIMS_NAMESPACE }),
      ]),
    );

    // …and nothing printed or saved ever holds a value.
    const everything = t.h.transcript.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [
      ...Object.values(first),
      ...Object.values(rotated),
      MARK,
      t.h.env.AUTH0_CLIENT_SECRET as string,
    ]) {
      expect(everything).not.toContain(secret);
    }
  }, 90_000); // some twenty commands in a row: minutes on a loaded 2-core machine
});
