// End to end over real HTTP: secret values set through ${VAR} (an action secret, a log
// stream's httpAuthorization) and the deployer's credentials never appear in anything
// tenantform prints (plan in every format, apply, drift) or in the plan file it saves.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConfigDir, copyExample, type Harness, startHarness } from './fixtures/tenant-harness.ts';

let h: Harness;
let config: ConfigDir;
beforeAll(async () => {
  h = await startHarness();
  config = copyExample();
});
afterAll(async () => {
  await h?.close();
  config?.remove();
});

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
    expect((await h.run(['plan', '-c', config.dir, '--format', format], env)).code).toBe(0);
    expect([0, 2]).toContain((await h.run(['drift', '-c', config.dir, '--format', format], env)).code);
  }
  const planFile = join(config.dir, 'plan.json');
  expect((await h.run(['plan', '-c', config.dir, '--out', planFile], env)).code).toBe(0);
  h.transcript.push(readFileSync(planFile, 'utf8'));
  expect((await h.run(['apply', '-c', config.dir, '--auto-approve'], env)).code).toBe(0);
  for (const format of ['text', 'json', 'markdown']) {
    expect((await h.run(['drift', '-c', config.dir, '--format', format], env)).code).toBe(0);
  }
}

describe.sequential('secrets never appear in output', () => {
  it('on create, on a rotated secret, and on drift', async () => {
    await everyCommand(first);
    // The secrets did reach the tenant…
    const streams = (await h.get('/log-streams')) as { sink: { httpAuthorization?: string } }[];
    expect(streams.map((s) => s.sink.httpAuthorization)).toContain(first.SIEM_TOKEN);

    // …a rotated one shows as a sensitive change…
    const plan = await h.run(['plan', '-c', config.dir, '--detailed-exitcode'], rotated);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('(sensitive)');
    const drift = await h.run(['drift', '-c', config.dir], rotated);
    expect(drift.code).toBe(2);
    await everyCommand(rotated);

    // …a secret added to an action shows in the plan with its value masked, and converges.
    config.edit(
      "      - { name: NAMESPACE, value: '${CLAIMS_NAMESPACE:-https://acme.example}' }\n",
      "      - { name: NAMESPACE, value: '${CLAIMS_NAMESPACE:-https://acme.example}' }\n      - { name: API_KEY, value: '${API_KEY}' }\n",
    );
    const added = { ...rotated, API_KEY: `${MARK}-api-key-55aa` };
    const json = await h.run(['plan', '-c', config.dir, '--format', 'json'], added);
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
    const [action] = [...h.emulator.store.collection('/actions/actions').values()] as {
      secrets: { name: string; value: string }[];
    }[];
    expect(action.secrets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'API_KEY', value: added.API_KEY }),
        expect.objectContaining({ name: 'NAMESPACE', value: added.CLAIMS_NAMESPACE }),
      ]),
    );

    // …and nothing printed or saved ever holds a value.
    const everything = h.transcript.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [
      ...Object.values(first),
      ...Object.values(rotated),
      MARK,
      h.env.AUTH0_CLIENT_SECRET as string,
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
