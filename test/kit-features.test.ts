// A type whose feature the tenant lacks (a plan without the entitlement, an Early Access
// programme not joined): skipped when config does not use it, an error naming the feature
// and the config file when it does; export says it skipped it. Over HTTP, against an
// emulator with the features switched off.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../src/commands/export.ts';
import { ConfigError } from '../src/config/load.ts';
import { featurelessTenant } from './fixtures/featureless-tenant.ts';
import { tempDir } from './fixtures/tenant-harness.ts';

/** Each gated type, the emulator feature that switches it off, the feature a message names, and config using it. */
const GATED = [
  {
    type: 'bot_detection',
    off: 'bot_detection',
    feature: 'bot detection',
    yaml: '\n  bot_detection_level: low',
  },
  {
    type: 'captcha',
    off: 'bot_detection',
    feature: 'bot detection',
    yaml: '\n  active_provider_id: simple_captcha',
  },
  { type: 'risk_assessment', off: 'risk_assessment', feature: 'risk assessment', yaml: '\n  enabled: true' },
  {
    type: 'risk_assessment_new_device',
    off: 'risk_assessment',
    feature: 'risk assessment',
    yaml: '\n  remember_for: 10',
  },
  {
    type: 'supplemental_signals',
    off: 'supplemental_signals',
    feature: 'supplemental signals',
    yaml: '\n  akamai_enabled: true',
  },
  {
    type: 'rate_limit_policies',
    off: 'rate_limit_policies',
    feature: 'rate limit policies',
    yaml: '\n  - resource: oauth_authentication_api\n    consumer: client\n    consumer_selector: default\n    configuration: { action: block, limit: 5 }',
  },
];

describe('a feature the tenant does not have', () => {
  const tenant = featurelessTenant([...new Set(GATED.map((g) => g.off))]);
  const { plan, write } = tenant;
  it('is skipped when config does not use it', async () => {
    const built = await plan(write('plain.yaml', 'roles:\n  - name: Probe\n'));
    // Collections are read (their objects would be unmanaged); settings config leaves out are not read at all.
    expect(built.live.unavailable.map((u) => u.type)).toEqual(['rate_limit_policies']);
    expect(built.plan.changes.map((c) => c.address)).toEqual(['roles.Probe']);
  });

  it('export skips each, saying which feature the tenant lacks', async () => {
    const out = tempDir();
    const logged: string[] = [];
    const output = {
      stdout: (t: string) => logged.push(t),
      stderr: (t: string) => logged.push(t),
      isTTY: false,
    };
    try {
      const env = {
        AUTH0_DOMAIN: tenant.emulator.url,
        AUTH0_CLIENT_ID: tenant.emulator.credentials.clientId,
        AUTH0_CLIENT_SECRET: tenant.emulator.credentials.clientSecret,
      };
      const options = {
        env,
        outDir: join(out.dir, 'tenant'),
        values: [],
        concurrency: 8,
        color: false,
        interactive: false,
      };
      expect(await runExport(options, output)).toBe(0);
      for (const gated of GATED) {
        expect(logged.join('\n')).toContain(
          `Skipped ${gated.type}: the tenant does not have ${gated.feature}`,
        );
        expect(out.files()).not.toContain(`tenant/${gated.type}.yaml`);
      }
    } finally {
      out.remove();
    }
  });

  for (const gated of GATED) {
    it(`is an error naming the feature and the file when config uses it: ${gated.type}`, async () => {
      const file = write(
        `uses-${gated.type}.yaml`,
        `roles:\n  - name: Probe\n${gated.type}: ${gated.yaml}\n`,
      );
      const error = await plan(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(String((error as Error).message), String(error)).toMatch(
        new RegExp(`uses-${gated.type}\\.yaml:4:.*does not have ${gated.feature}`, 's'),
      );
    });
  }
});
