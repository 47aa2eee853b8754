// examples/full: every managed type in one config directory. Applied to an empty emulator over
// HTTP it converges (the next plan is empty), and a change made behind tenantform's back is
// drift (exit 2) naming the object. Its secrets never reach any output.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, planJson, startHarness, tempDir } from './fixtures/tenant-harness.ts';

const FULL = fileURLToPath(new URL('../examples/full', import.meta.url));

/** The secrets examples/full reads from the environment, as a pipeline would set them. */
const SECRETS = {
  RECAPTCHA_SECRET: 'recaptcha-full-example-3f9c1a',
  TWILIO_AUTH_TOKEN: 'twilio-full-example-8b2d4e',
  SNS_SECRET_ACCESS_KEY: 'sns-full-example-61a0c7',
  APNS_P12: 'apns-full-example-d45e92',
  FCM_SERVICE_ACCOUNT_JSON: 'fcm-full-example-4c81be',
  // messaging.yaml's
  EMAIL_API_KEY: 'email-full-example-0c5b7d',
  EXCHANGE_MODULE_KEY: 'module-full-example-a93f28',
  HOOK_API_KEY: 'hook-full-example-5e17c4',
  GEO_API_KEY: 'geo-full-example-27b9e1',
  // core.yaml's
  AUDIT_LOG_TOKEN: 'audit-full-example-94c3aa',
  MEMBERS_TOKEN: 'members-full-example-1d8f62',
  PAYMENTS_API_SIGNING_SECRET: 'signing-full-example-7e0b35',
  // universal-login.yaml's
  ACME_CRM_TOKEN: 'crm-full-example-b2c6f9',
  ACME_EVENTS_TOKEN: 'events-full-example-0a4d17',
};

/** messaging.yaml (another branch's part of the example) holds the email template the drift test changes. */
const WITH_MESSAGING = existsSync(join(FULL, 'messaging.yaml'));

describe.sequential('examples/full', () => {
  let h: Harness;
  const run = (...args: string[]) => h.run([...args, '-c', FULL], SECRETS);
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  // Some 40 reads and 20 writes: seconds alone, but far longer on a machine shared by many test runs.
  it('applies to an empty tenant, and the next plan is empty', { timeout: 90_000 }, async () => {
    const applied = await run('apply', '--auto-approve');
    expect(applied.code, `${applied.stdout}\n${applied.stderr}`).toBe(0);
    // Write-only credentials are never read back, but they are written.
    const twilio = h.writes().find((r) => r.path === '/guardian/factors/sms/providers/twilio');
    expect(twilio?.body).toContain(SECRETS.TWILIO_AUTH_TOKEN);
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('exports as config that plans no change', async () => {
    const out = tempDir();
    try {
      const exported = await h.run(['export', '-o', join(out.dir, 'tenant')]);
      expect(exported.code, exported.stderr).toBe(0);
      for (const file of out.files()) h.transcript.push(out.read(file));
      // Placeholders for the secrets; the write-only ones are never compared.
      const placeholders = Object.fromEntries(
        [...out.read('tenant/secrets.env.example').matchAll(/^([A-Z0-9_]+)=$/gm)].map((m) => [
          m[1],
          'set-by-the-pipeline-0000',
        ]),
      );
      const plan = await h.run(['plan', '--format', 'json', '-c', join(out.dir, 'tenant')], placeholders);
      expect(plan.code, plan.stderr).toBe(0);
      // Secrets the API reads back (a signing secret, a database's configuration) differ from
      // the placeholders' values; nothing else may.
      const changes = JSON.parse(plan.stdout).changes as {
        action: string;
        fields?: { sensitive?: boolean }[];
      }[];
      expect(changes.every((c) => c.action === 'update' && c.fields?.every((f) => f.sensitive))).toBe(true);
    } finally {
      out.remove();
    }
  });

  it('an MFA factor switched off behind its back is drift, exit 2, naming it', async () => {
    await h.api('PUT', '/guardian/factors/otp', { enabled: false });
    const text = await run('drift');
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toContain('guardian_factors.otp');
    const json = await planJson(h, ['-c', FULL], SECRETS);
    expect(json.changes.map((c) => c.address)).toEqual(['guardian_factors.otp']);
  });

  it.skipIf(!WITH_MESSAGING)('an email template changed behind its back is drift naming it', async () => {
    await h.api('PATCH', '/email-templates/welcome_email', { subject: 'Edited in the dashboard' });
    const text = await run('drift');
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toContain('email_templates.welcome_email');
    const json = await planJson(h, ['-c', FULL], SECRETS);
    expect(json.changes.map((c) => c.address).sort()).toEqual([
      'email_templates.welcome_email',
      'guardian_factors.otp',
    ]);
  });

  it('never prints a secret', () => {
    const transcript = h.transcript.join('\n');
    for (const [name, value] of Object.entries(SECRETS)) expect(transcript, name).not.toContain(value);
  });
});
