// examples/full: every managed type in one config directory. Applied to an empty emulator over
// HTTP it converges (the next plan is empty), and a change made behind tenantform's back is
// drift (exit 2) naming the object. Its secrets never reach any output.

import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, planJson, startHarness } from './fixtures/tenant-harness.ts';

const FULL = fileURLToPath(new URL('../examples/full', import.meta.url));

/** The secrets examples/full reads from the environment, as a pipeline would set them. */
const SECRETS = {
  RECAPTCHA_SECRET: 'recaptcha-full-example-3f9c1a',
  TWILIO_AUTH_TOKEN: 'twilio-full-example-8b2d4e',
  SNS_SECRET_ACCESS_KEY: 'sns-full-example-61a0c7',
  APNS_P12: 'apns-full-example-d45e92',
};

describe.sequential('examples/full', () => {
  let h: Harness;
  const run = (...args: string[]) => h.run([...args, '-c', FULL], SECRETS);
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('applies to an empty tenant, and the next plan is empty', async () => {
    const applied = await run('apply', '--auto-approve');
    expect(applied.code, `${applied.stdout}\n${applied.stderr}`).toBe(0);
    // Write-only credentials are never read back, but they are written.
    const twilio = h.writes().find((r) => r.path === '/guardian/factors/sms/providers/twilio');
    expect(twilio?.body).toContain(SECRETS.TWILIO_AUTH_TOKEN);
    const plan = await run('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('an MFA factor switched off behind its back is drift, exit 2, naming it', async () => {
    await h.api('PUT', '/guardian/factors/otp', { enabled: false });
    const text = await run('drift');
    expect(text.code, text.stderr).toBe(2);
    expect(text.stdout).toContain('guardian_factors.otp');
    const json = await planJson(h, ['-c', FULL], SECRETS);
    expect(json.changes.map((c) => c.address)).toEqual(['guardian_factors.otp']);
  });

  it('never prints a secret', () => {
    const transcript = h.transcript.join('\n');
    for (const [name, value] of Object.entries(SECRETS)) expect(transcript, name).not.toContain(value);
  });
});
