// Screen renderers need Advanced Customizations: a tenant without it answers 402. Config that
// names a screen is an error naming the feature and the file; config without renderers plans
// without reading them. Over HTTP, against an emulator with the feature switched off.

import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/load.ts';
import { featurelessTenant } from './fixtures/featureless-tenant.ts';

describe('screen renderers on a plan without Advanced Customizations (402)', () => {
  const { plan, write } = featurelessTenant(['advanced_customizations']);

  it('config naming a screen is an error naming the feature and the file', async () => {
    const file = write(
      'renderers.yaml',
      'prompt_screen_renderers:\n  login-id:\n    login-id:\n      rendering_mode: advanced\n',
    );
    const error = await plan(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(
      /renderers\.yaml:.*does not have advanced customizations/s,
    );
  });

  it('config without renderers plans without reading them', async () => {
    const built = await plan(write('plain.yaml', 'roles:\n  - name: Probe\n'));
    expect(built.plan.changes.map((c) => c.address)).toEqual(['roles.Probe']);
  });
});
