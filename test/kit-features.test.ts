// A type whose feature the tenant lacks (a plan without the entitlement, an Early Access
// programme not joined): skipped when config does not use it, an error naming the feature
// and the config file when it does; export says it skipped it. Over HTTP, against an
// emulator with the feature switched off.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../src/commands/build-plan.ts';
import { createManagementClient } from '../src/api/client.ts';
import { ConfigError } from '../src/config/load.ts';
import { adapters } from '../src/resources/index.ts';
import type { ResourceAdapter } from '../src/resources/contract.ts';
import { compileSpec } from '../src/resources/kit/compile.ts';
import { startEmulator, type RunningEmulator } from '../src/emulator/index.ts';
import { tempDir, type TempDir } from './fixtures/tenant-harness.ts';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { API_DOCUMENT } from '../tools/gen-api-types.ts';
import { buildConfigSchema } from '../tools/gen-config-schema.ts';

const botDetection = compileSpec({
  kind: 'singleton',
  type: 'bot_detection_probe',
  description: 'Bot detection settings (a probe of the kit, not a managed type).',
  operations: {
    read: 'GET /attack-protection/bot-detection',
    update: 'PATCH /attack-protection/bot-detection',
  },
  feature: 'bot detection',
});

const withProbe = [...adapters, botDetection];

/** Plans config files in-process against an emulator without `feature`, each test's files in `dir`. */
function withoutFeature(feature: string, types: readonly ResourceAdapter[]) {
  const state = {} as { emulator: RunningEmulator; dir: TempDir };
  beforeAll(async () => {
    state.emulator = await startEmulator({ withoutFeatures: [feature] });
    state.dir = tempDir();
  });
  afterAll(async () => {
    await state.emulator?.close();
    state.dir?.remove();
  });
  const plan = (file: string) =>
    buildPlan({
      configPaths: [file],
      env: {},
      adapters: types,
      configSchema: buildConfigSchema(parse(readFileSync(API_DOCUMENT, 'utf8')), types),
      api: createManagementClient({
        domain: state.emulator.url,
        clientId: state.emulator.credentials.clientId,
        clientSecret: state.emulator.credentials.clientSecret,
      }),
    });
  return { plan, write: (file: string, text: string) => state.dir.write(file, text) };
}

describe('a feature the tenant does not have', () => {
  const { plan, write } = withoutFeature('bot_detection', withProbe);

  it('is skipped when config does not use it', async () => {
    const built = await plan(write('plain.yaml', 'roles:\n  - name: Probe\n'));
    expect(built.live.unavailable.map((u) => u.type)).toEqual(['bot_detection_probe']);
    expect(built.plan.changes.map((c) => c.address)).toEqual(['roles.Probe']);
  });

  it('is an error naming the feature and the file when config uses it', async () => {
    const file = write(
      'uses.yaml',
      'roles:\n  - name: Probe\nbot_detection_probe:\n  bot_detection_level: low\n',
    );
    const error = await plan(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/uses\.yaml:4:.*does not have bot detection/s);
  });
});

describe('screen renderers on a plan without Advanced Customizations (402)', () => {
  const { plan, write } = withoutFeature('advanced_customizations', adapters);

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
