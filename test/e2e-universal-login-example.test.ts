// examples/full/universal-login.yaml on an empty tenant: applies, converges, and exports as
// config (HTML and JSON files, custom text in three languages, a form naming a flow, a flow
// naming a vault connection) whose plan is empty; credentials appear in no output or file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const EXAMPLE = 'examples/full/universal-login.yaml';
const SECRETS = { ACME_CRM_TOKEN: 'crm-token-0c3f9a', ACME_EVENTS_TOKEN: 'events-token-7d21b4' };

describe(EXAMPLE, () => {
  let h: Harness;
  let out: TempDir;
  beforeAll(async () => {
    h = await startHarness();
    out = tempDir();
    // The tenant's languages are set by examples/full/core.yaml, the one file owning the tenant settings.
    await h.api('PATCH', '/tenants/settings', { enabled_locales: ['en', 'fr', 'de'] });
  });
  afterAll(async () => {
    await h?.close();
    out?.remove();
  });

  it('applies on an empty tenant, and the next plan is empty', async () => {
    const applied = await h.run(['apply', '--auto-approve', '-c', EXAMPLE], SECRETS);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const again = await h.run(['plan', '--detailed-exitcode', '-c', EXAMPLE], SECRETS);
    expect(again.code, again.stdout).toBe(0);
  }, 90_000);

  it('names, not ids, in the tenant: the form runs the flow, the flow uses the vault connection', async () => {
    // Listed without include_totals, these lists are plain arrays.
    const [flow] = await h.get<{ id: string }[]>('/flows');
    const [connection] = await h.get<{ id: string }[]>('/flows/vault/connections');
    const [form] = await h.get<{ id: string }[]>('/forms');
    expect(JSON.stringify(await h.get(`/flows/${flow!.id}`))).toContain(
      `"connection_id":"${connection!.id}"`,
    );
    expect(JSON.stringify(await h.get(`/forms/${form!.id}`))).toContain(`"flow_id":"${flow!.id}"`);
  });

  it('exports as files whose plan is empty', async () => {
    const exported = await h.run(['export', '-o', out.dir]);
    expect(exported.code, exported.stderr).toBe(0);
    const files = out.files();
    for (const file of [
      'universal_login_template/template.html',
      'login_page/custom_login_page.html',
      'pages/error_page.html',
      'flows/Register-newsletter-consent.json',
      'forms/Newsletter-consent.json',
    ])
      expect(files).toContain(file);
    expect(out.read('forms/Newsletter-consent.json')).toContain('"flow_id": "Register newsletter consent"');
    expect(out.read('flows/Register-newsletter-consent.json')).toContain('"connection_id": "Acme CRM API"');
    for (const language of ['en:', 'fr:', 'de:'])
      expect(out.read('prompt_custom_text.yaml')).toContain(language);
    const replanned = await h.run(['plan', '--detailed-exitcode', '-c', out.dir]);
    expect(replanned.code, replanned.stdout).toBe(0);
    for (const file of files) h.transcript.push(out.read(file));
    for (const secret of Object.values(SECRETS))
      for (const text of h.transcript) expect(text).not.toContain(secret);
  }, 90_000);
});
