// The tenant's default custom domain, through the CLI against the emulator: `is_default`
// on a domain config names is written with PATCH /custom-domains/default, which the API
// accepts only for a verified domain; the refusal names the object.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, planJson, startHarness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

interface Domain {
  custom_domain_id: string;
  domain: string;
  is_default?: boolean;
}

describe('the default custom domain', () => {
  let h: Harness;
  let dir: TempDir;
  beforeAll(async () => {
    h = await startHarness();
    dir = tempDir({
      'tenant.yaml': [
        'custom_domains:',
        '  - domain: login.example.com',
        '    type: auth0_managed_certs',
        '    is_default: true',
        '  - domain: id.example.com',
        '    type: auth0_managed_certs',
        '',
      ].join('\n'),
    });
  });
  afterAll(async () => {
    await h?.close();
    dir?.remove();
  });
  const run = (...args: string[]) => h.run([...args, '-c', dir.dir]);

  it('is refused for an unverified domain, naming the object and the API message', async () => {
    const result = await run('apply', '--auto-approve');
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/custom_domains\.login\.example\.com/);
    expect(result.stdout + result.stderr).toMatch(/must be verified before it can be set as default/);
  });

  it('is set once the domain is verified, and the next plan is empty', async () => {
    const domains = await h.get<Domain[]>('/custom-domains');
    const login = domains.find((d) => d.domain === 'login.example.com')!;
    await h.api('POST', `/custom-domains/${login.custom_domain_id}/verify`);
    const planned = await planJson(h, ['-c', dir.dir]);
    expect(planned.changes.map((c) => [c.address, c.fields.map((f) => f.path)])).toEqual([
      ['custom_domains.login.example.com', ['is_default']],
    ]);
    const applied = await run('apply', '--auto-approve');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect((await h.get<Domain>('/custom-domains/default')).domain).toBe('login.example.com');
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
  });
});
