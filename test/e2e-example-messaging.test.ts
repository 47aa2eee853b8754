// examples/full/messaging.yaml, through the CLI on an empty emulator: it applies, the next
// plan is empty, and no secret it sets appears in any output.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './fixtures/tenant-harness.ts';

const FILE = 'examples/full/messaging.yaml';
const SECRETS = {
  EMAIL_API_KEY: 'example-email-key-7f3a',
  TWILIO_AUTH_TOKEN: 'example-twilio-token-91c2',
  EXCHANGE_MODULE_KEY: 'example-module-key-4d8e',
  GEO_API_KEY: 'example-geo-key-2a9f',
  HOOK_API_KEY: 'example-hook-key-b6e0',
};

describe(FILE, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('applies on an empty tenant, then plans no change, its secrets never shown', async () => {
    const applied = await h.run(['apply', '--auto-approve', '-c', FILE], SECRETS);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete: 14 created/);
    const replanned = await h.run(['plan', '--detailed-exitcode', '-c', FILE], SECRETS);
    expect(replanned.code, replanned.stdout).toBe(0);
    const text = h.transcript.join('\n');
    for (const value of Object.values(SECRETS)) expect(text).not.toContain(value);
  });
});
