import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateTenant } from '../bench/generate-tenant.ts';
import { toDeployCli, writeDeployCliTenant } from '../bench/peer-tenant.ts';
import { type RunningEmulator, startEmulator } from '../src/emulator/index.ts';
import { runDeployCli } from './fixtures/deploy-cli/run-deploy-cli.ts';

/** A small tenant with every type both tools manage, a database and a social connection among them. */
const TENANT = generateTenant({
  interactiveClients: 3,
  m2mClients: 2,
  resourceServers: 2,
  connections: 5,
  roles: 3,
  actions: 3,
  logStreams: 1,
  organizations: 2,
});

/** Lines deploy-cli logs at level error, or a thrown stack. */
const errorsIn = (output: string) =>
  output.split('\n').filter((line) => /- error:|Error:|ManagementError/.test(line));

describe('auth0-deploy-cli 8.44 against the emulator over TLS', () => {
  let emulator: RunningEmulator;
  let dir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ tls: true, actionBuildMs: 50 });
    dir = mkdtempSync(join(tmpdir(), 'tenantform-deploy-cli-'));
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a tenant with every shared type, then exports it, with no error', async () => {
    const input = writeDeployCliTenant(join(dir, 'input'), toDeployCli(TENANT));
    const imported = await runDeployCli(emulator, dir, ['import', '--input_file', input]);
    expect(errorsIn(imported.output), imported.output).toEqual([]);
    expect(imported.code, imported.output).toBe(0);

    // What the import wrote is in the tenant, as the API reads it.
    const clients = [...emulator.store.collection('/clients').values()].map((c) => c.name);
    for (const client of TENANT.clients) expect(clients).toContain(client.name);
    const roles = [...emulator.store.collection('/roles').values()];
    expect(roles.map((r) => r.name).sort()).toEqual(TENANT.roles.map((r) => r.name).sort());
    const deployed = [...emulator.store.collection('/actions/actions').values()].filter(
      (a) => a.deployed_version,
    );
    expect(deployed).toHaveLength(TENANT.actions.length);

    const exported = await runDeployCli(emulator, dir, [
      'export',
      '--format',
      'yaml',
      '--output_folder',
      join(dir, 'export'),
    ]);
    expect(errorsIn(exported.output), exported.output).toEqual([]);
    expect(exported.code, exported.output).toBe(0);
    const document = parse(readFileSync(join(dir, 'export', 'tenant.yaml'), 'utf8'));
    const names = (items: { name: string }[] | undefined) => (items ?? []).map((item) => item.name).sort();
    expect(names(document.clients)).toEqual(expect.arrayContaining(names(TENANT.clients as never)));
    expect(names(document.roles)).toEqual(names(TENANT.roles as never));
    expect(names(document.actions)).toEqual(names(TENANT.actions as never));
    expect(names(document.organizations)).toEqual(names(TENANT.organizations as never));
    expect(names(document.logStreams)).toEqual(names(TENANT.log_streams as never));
    expect(document.tenant.friendly_name).toBe(TENANT.tenant.friendly_name);
  }, 600_000);
});
