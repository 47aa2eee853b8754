// The conformance suite: every declared resource type, from its fixture, against the
// emulator over HTTP, through the CLI as a user runs it:
//   create from empty → next plan empty; a one-field change → exactly that field in the
//   plan and its writes; immutable field → replace; export → plan of the export empty;
//   (a type with nothing readable: exports nothing); left out of config → unmanaged, deleted (or reset) only when allowed, system objects
//   never touched; no secret value in any output, saved plan or export.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { forEachMatch, parsePattern, setAt } from '../../src/core/field-paths.ts';
import type { ConfigObject, Json } from '../../src/core/json.ts';
import { createManagementClient } from '../../src/api/client.ts';
import { adapters } from '../../src/resources/index.ts';
import type { ResourceAdapter } from '../../src/resources/contract.ts';
import { readLiveState } from '../../src/resources/live-state.ts';
import { type Harness, planJson, startHarness, type TempDir, tempDir } from '../fixtures/tenant-harness.ts';
import { FIXTURES, type TypeFixture } from './fixtures.ts';

it('every declared type has a conformance fixture', () => {
  expect(adapters.map((a) => a.type).filter((type) => !FIXTURES[type])).toEqual([]);
});

for (const adapter of adapters) {
  const fixture = FIXTURES[adapter.type];
  if (fixture) describe.sequential(`conformance: ${adapter.type}`, () => conformance(adapter, fixture));
}

function conformance(adapter: ResourceAdapter, fixture: TypeFixture): void {
  const type = adapter.type;
  let h: Harness;
  let dir: TempDir;
  let config: ConfigObject;
  let key: string;
  let address: string;
  const secrets = secretVariables(adapter, fixture);
  const env = Object.fromEntries(secrets.map((s) => [s.variable, s.value]));
  const only = ['--only', type];

  const write = (object: ConfigObject | undefined) => {
    const sections: Record<string, Json> = { ...(fixture.needs ?? {}) };
    if (object) sections[type] = section(adapter, fixture, object);
    dir.write('tenant.yaml', stringify(sections, { lineWidth: 0 }));
  };
  const run = (...args: string[]) => h.run([...args, '-c', dir.dir], env);
  const plan = (...args: string[]) => planJson(h, ['-c', dir.dir, ...args], env);
  const expectConverged = async () => {
    const result = await run('plan', '--detailed-exitcode', ...only);
    expect(result.code, `${type}: the plan after apply is not empty:\n${result.stdout}`).toBe(0);
  };
  const apply = async (...args: string[]) => {
    const result = await run('apply', '--auto-approve', ...args);
    expect(result.code, `${type}: apply failed:\n${result.stdout}\n${result.stderr}`).toBe(0);
  };

  beforeAll(async () => {
    h = await startHarness();
    dir = tempDir();
    config = configObject(adapter, fixture.object, secrets);
    key = fixture.mapKey
      ? fixture.mapKey.join(' → ')
      : adapter.section === 'singleton'
        ? 'default'
        : adapter.keyOf(config);
    address = `${type}.${key}`;
    if (fixture.needs) {
      write(undefined);
      await apply();
    }
  });
  afterAll(async () => {
    await h?.close();
    dir?.remove();
  });

  it('is created from its config, and the next plan is empty', async () => {
    write(config);
    const planned = await plan(...only);
    const created = planned.changes.find((c) => c.address === address);
    expect(created?.action, `${address} is not planned`).toMatch(/^(create|update)$/);
    await apply(...only);
    await expectConverged();
  });

  it.skipIf(!fixture.change)(
    'a one-field change is that field in the plan, and that many writes',
    async () => {
      const change = fixture.change!;
      const changed = structuredClone(config);
      setAt(changed, parsePattern(change.path), change.value);
      write(changed);
      const planned = await plan(...only);
      expect(planned.changes.map((c) => c.address)).toEqual([address]);
      expect(planned.changes[0]?.action).toBe('update');
      // Besides that field, only secrets sent with it (its parent object is sent whole), masked.
      const fields = planned.changes[0]?.fields ?? [];
      expect(fields.filter((f) => !f.secretWrite).map((f) => f.path.startsWith(change.path))).not.toContain(
        false,
      );
      expect(fields.filter((f) => !f.secretWrite)).not.toHaveLength(0);
      for (const f of fields.filter((f) => f.secretWrite)) {
        expect(f).toMatchObject({ sensitive: true, before: '(sensitive)', after: '(sensitive)' });
        expect(f.path.split('.')[0]).toBe(change.path.split('.')[0]);
      }
      const before = h.writes().length;
      await apply(...only);
      expect(h.writes().length - before, `${type}: writes for one changed field`).toBe(change.writes ?? 1);
      await expectConverged();
      write(config);
      await apply(...only);
    },
  );

  it.skipIf(!fixture.replace)('a change of a field that cannot change in place is a replace', async () => {
    const changed = structuredClone(config);
    for (const [path, value] of Object.entries(fixture.replace!.set))
      setAt(changed, parsePattern(path), value);
    write(changed);
    const planned = await plan(...only);
    const change = planned.changes.find((c) => c.address === address);
    expect(change?.action).toBe('replace');
    expect(change?.replaceReason).toContain(fixture.replace!.reason);
    write(config);
  });

  it('exports as config that plans no change, with placeholders for its secrets', async () => {
    const out = tempDir();
    try {
      const exported = await h.run(['export', '-o', join(out.dir, 'tenant')], env);
      expect(exported.code, exported.stderr).toBe(0);
      const files = out.files();
      // Nothing readable: nothing to export (the tenant cannot say whether a key is set).
      if (fixture.unreadable) expect(files).not.toContain(`tenant/${type}.yaml`);
      else expect(files).toContain(`tenant/${type}.yaml`);
      for (const file of files) h.transcript.push(out.read(file));
      // The placeholders export wrote, set to the values the tenant has.
      const exportEnv = { ...env, ...exportedSecrets(out, secrets) };
      const replanned = await h.run(
        ['plan', '--detailed-exitcode', '-c', join(out.dir, 'tenant'), ...only],
        exportEnv,
      );
      expect(
        replanned.code,
        `${type}: plan of the export is not empty:\n${replanned.stdout}\n${replanned.stderr}`,
      ).toBe(0);
    } finally {
      out.remove();
    }
  });

  it('saves a plan holding references, never secret values', async () => {
    const changed = structuredClone(config);
    if (fixture.change) setAt(changed, parsePattern(fixture.change.path), fixture.change.value);
    write(changed);
    const file = dir.path('plan.json');
    const saved = await run('plan', '--out', file, ...only);
    expect(saved.code, saved.stderr).toBe(0);
    h.transcript.push(readFileSync(file, 'utf8'));
    write(config);
  });

  it.skipIf(fixture.undeletable || fixture.readOnlyWhenNamed)(
    'left out of config: unmanaged; deleted only when allowed, system objects never',
    async () => {
      write(undefined);
      const kept = await plan(...only);
      expect(kept.changes.filter((c) => c.type === type)).toEqual([]);
      expect(kept.unmanaged.map((u) => u.address)).toContain(address);

      const systemBefore = await systemKeys(h, adapter);
      await apply(...only, `--allow-delete=${type}`);
      expect(await systemKeys(h, adapter)).toEqual(systemBefore);
      const afterDelete = await plan(...only, `--allow-delete=${type}`);
      expect(afterDelete.changes).toEqual([]);

      write(config);
      const again = await plan(...only);
      expect(again.changes.find((c) => c.address === address)?.action).toMatch(/^(create|update)$/);
      await apply(...only);
      await expectConverged();
    },
  );

  it('no secret value appears in any output, saved plan or export', () => {
    const text = h.transcript.join('\n');
    for (const { value, path } of secrets) expect(text, `${type} ${path} leaked`).not.toContain(value);
    expect(text).not.toContain(h.emulator.credentials.clientSecret);
  });
}

interface SecretVariable {
  path: string;
  variable: string;
  value: string;
}

/** A distinctive value for each field of the fixture at one of the type's secret paths. */
function secretVariables(adapter: ResourceAdapter, fixture: TypeFixture): SecretVariable[] {
  const found: SecretVariable[] = [];
  const object = wrapped(adapter, fixture.object);
  for (const pattern of adapter.secretPaths) {
    forEachMatch(object, parsePattern(pattern), (_container, _key, path) => {
      // A field two patterns reach (declared, and by its name) is one secret.
      if (found.some((s) => s.path === path.join('.'))) return;
      const n = found.length;
      found.push({
        path: path.join('.'),
        variable: `CONFORMANCE_SECRET_${n}`,
        value: `conformance-${adapter.type}-secret-${n}-${Math.random().toString(36).slice(2, 10)}`,
      });
    });
  }
  return found;
}

/** The fixture object as the config object of its type, its secrets as ${VAR}s. */
function configObject(
  adapter: ResourceAdapter,
  object: Json,
  secrets: readonly SecretVariable[],
): ConfigObject {
  const config = structuredClone(wrapped(adapter, object));
  for (const s of secrets) {
    setAt(
      config,
      s.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      `\${${s.variable}}`,
    );
  }
  return config;
}

function wrapped(adapter: ResourceAdapter, object: Json): ConfigObject {
  return adapter.mapValueField ? { [adapter.mapValueField]: object } : (object as ConfigObject);
}

/** The section holding one object, written as the type's section kind wants. */
function section(adapter: ResourceAdapter, fixture: TypeFixture, config: ConfigObject): Json {
  if (adapter.section === 'singleton') return config;
  if (adapter.section === 'list') return [config];
  const value: Json = adapter.mapValueField ? (config[adapter.mapValueField] as Json) : config;
  return [...(fixture.mapKey ?? [])].reverse().reduce<Json>((inner, part) => ({ [part]: inner }), value);
}

/** The values for the placeholders an export wrote, read from its secrets.env.example. */
function exportedSecrets(out: TempDir, secrets: readonly SecretVariable[]): Record<string, string> {
  if (!out.files().includes('tenant/secrets.env.example')) return {};
  const lines = out.read('tenant/secrets.env.example').split('\n');
  const values: Record<string, string> = {};
  lines.forEach((line, i) => {
    const match = /^([A-Z0-9_]+)=$/.exec(line);
    const field = lines[i - 1]?.replace(/^# /, '') ?? '';
    if (!match) return;
    // `# <type>.<key> <path>`: the same field of the fixture, else any value (write-only ones are not compared).
    const secret = secrets.find((s) => field.endsWith(` ${s.path}`)) ?? secrets[0];
    values[match[1] as string] = secret?.value ?? 'placeholder';
  });
  return values;
}

/** Keys of the type's system objects, read straight from the tenant. */
async function systemKeys(h: Harness, adapter: ResourceAdapter): Promise<string[]> {
  const api = createManagementClient({
    domain: h.emulator.url,
    clientId: h.emulator.credentials.clientId,
    clientSecret: h.emulator.credentials.clientSecret,
  });
  const live = await readLiveState(adapters, { api, deployerClientId: await api.deployerClientId() });
  return [...(live.objects.get(adapter.type)?.values() ?? [])]
    .filter((o) => o.system)
    .map((o) => o.key)
    .sort();
}
