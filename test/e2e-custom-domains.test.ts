// The tenant's default custom domain, through the CLI against the emulator: `is_default`
// on a domain config names is written with PATCH /custom-domains/default, which the API
// accepts only for a verified domain; the refusal names the object.

import { describe, expect, it } from 'vitest';
import { planJson, withTenantDir } from './fixtures/tenant-harness.ts';

interface Domain {
  custom_domain_id: string;
  domain: string;
  is_default?: boolean;
}

describe('the default custom domain', () => {
  const t = withTenantDir({
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
  const run = (...args: string[]) => t.h.run([...args, '-c', t.dir.dir]);

  it('is refused for an unverified domain, naming the object and the API message', async () => {
    const result = await run('apply', '--auto-approve');
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/custom_domains\.login\.example\.com/);
    expect(result.stdout + result.stderr).toMatch(/must be verified before it can be set as default/);
  });

  it('is set once the domain is verified, and the next plan is empty', async () => {
    const domains = await t.h.get<Domain[]>('/custom-domains');
    const login = domains.find((d) => d.domain === 'login.example.com')!;
    await t.h.api('POST', `/custom-domains/${login.custom_domain_id}/verify`);
    const planned = await planJson(t.h, ['-c', t.dir.dir]);
    expect(planned.changes.map((c) => [c.address, c.fields.map((f) => f.path)])).toEqual([
      ['custom_domains.login.example.com', ['is_default']],
    ]);
    const applied = await run('apply', '--auto-approve');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect((await t.h.get<Domain>('/custom-domains/default')).domain).toBe('login.example.com');
    expect((await run('plan', '--detailed-exitcode')).code).toBe(0);
  });
});
