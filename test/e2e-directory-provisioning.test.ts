// A Google Workspace connection's directory provisioning, written at its own endpoint:
// created with the connection, a mapping change is one PATCH, exported with the connection,
// left alone where config does not name it.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir, withTenantDir } from './fixtures/tenant-harness.ts';

const config = (orgUnitField: string, provisioning = true) =>
  [
    'connections:',
    '  - name: workspace',
    '    strategy: google-apps',
    '    options: { domain: example.com, tenant_domain: example.com, client_id: workspace-app, client_secret: "${WORKSPACE_SECRET}" }',
    ...(provisioning
      ? [
          '    directory_provisioning:',
          '      synchronize_groups: all',
          '      mapping:',
          '        - { idp: primaryEmail, auth0: email }',
          `        - { idp: orgUnitPath, auth0: ${orgUnitField} }`,
        ]
      : []),
  ].join('\n');

describe('directory provisioning of a google-apps connection', () => {
  const env = { WORKSPACE_SECRET: 'workspace-secret-5b1c0e' };
  const t = withTenantDir();
  const apply = async () => {
    const start = t.h.writes().length;
    const result = await t.h.run(['apply', '-c', t.dir.dir, '--auto-approve'], env);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    return t.h
      .writes()
      .slice(start)
      .map((r) => `${r.method} ${r.path}`);
  };
  const converged = async (at = t.dir.dir) => {
    const plan = await t.h.run(['plan', '-c', at, '--detailed-exitcode'], env);
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  };
  const connectionId = () => String(t.h.emulator.store.filterBy('/connections', 'name', 'workspace')[0]!.id);
  const provisioning = () =>
    t.h.get<{ mapping: { idp: string; auth0: string }[]; synchronize_groups: string }>(
      `/connections/${connectionId()}/directory-provisioning`,
    );

  it('is created after the connection, with the mapping config gives, and converges', async () => {
    t.dir.write('tenant.yaml', config('app_metadata.org_unit'));
    const writes = await apply();
    const id = connectionId();
    expect(writes).toContain(`POST /connections/${id}/directory-provisioning`);
    expect(writes.indexOf('POST /connections')).toBeLessThan(
      writes.indexOf(`POST /connections/${id}/directory-provisioning`),
    );
    const read = await provisioning();
    expect(read.synchronize_groups).toBe('all');
    // A set: sent in canonical order.
    expect(read.mapping).toHaveLength(2);
    expect(read.mapping).toEqual(
      expect.arrayContaining([
        { idp: 'primaryEmail', auth0: 'email' },
        { idp: 'orgUnitPath', auth0: 'app_metadata.org_unit' },
      ]),
    );
    await converged();
  });

  it('a mapping change is one PATCH of the mapping', async () => {
    t.dir.write('tenant.yaml', config('app_metadata.department'));
    const plan = await t.h.run(['plan', '-c', t.dir.dir], env);
    expect(plan.stdout).toContain('directory_provisioning.mapping');
    expect(await apply()).toEqual([`PATCH /connections/${connectionId()}/directory-provisioning`]);
    const patch = t.h.writes().at(-1)!;
    expect(Object.keys(JSON.parse(patch.body))).toEqual(['mapping']);
    expect((await provisioning()).mapping).toContainEqual({
      idp: 'orgUnitPath',
      auth0: 'app_metadata.department',
    });
    await converged();
  });

  it('is exported with its connection, and the export plans no change', async () => {
    const out = tempDir();
    try {
      const exported = await t.h.run(['export', '-o', out.path('tenant')], env);
      expect(exported.code, exported.stdout + exported.stderr).toBe(0);
      const file = out.files().find((f) => /connections\.ya?ml$/.test(f))!;
      const [workspace] = (parse(out.read(file)).connections as Record<string, unknown>[]).filter(
        (c) => c.name === 'workspace',
      );
      expect(workspace?.directory_provisioning).toMatchObject({
        synchronize_groups: 'all',
        mapping: expect.arrayContaining([{ idp: 'orgUnitPath', auth0: 'app_metadata.department' }]),
      });
      expect(out.read(file)).not.toContain('connection_name');
      const exportEnv = { ...env };
      const example = out.files().includes('tenant/secrets.env.example')
        ? out.read('tenant/secrets.env.example')
        : '';
      for (const line of example.split('\n')) {
        const variable = /^([A-Z0-9_]+)=/.exec(line)?.[1];
        if (variable) Object.assign(exportEnv, { [variable]: env.WORKSPACE_SECRET });
      }
      const plan = await t.h.run(
        ['plan', '-c', out.path('tenant'), '--detailed-exitcode', '--only', 'connections'],
        exportEnv,
      );
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    } finally {
      out.remove();
    }
  });

  it('config that leaves it out does not manage it', async () => {
    t.dir.write('tenant.yaml', config('', false));
    await converged();
    expect(await apply()).toEqual([]);
    expect((await provisioning()).synchronize_groups).toBe('all');
    expect(t.h.transcript.join('\n')).not.toContain(env.WORKSPACE_SECRET);
  });
});
