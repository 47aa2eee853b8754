// Screen renderers need Advanced Customizations: a tenant without it answers 402. Config that
// names a screen is an error naming the feature and the file; config without renderers plans
// without reading them. Over HTTP, against an emulator with the feature switched off.

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createManagementClient } from '../src/api/client.ts';
import { buildPlan } from '../src/commands/build-plan.ts';
import { ConfigError } from '../src/config/load.ts';
import { type RunningEmulator, startEmulator } from '../src/emulator/index.ts';
import { adapters } from '../src/resources/index.ts';
import { API_DOCUMENT } from '../tools/gen-api-types.ts';
import { buildConfigSchema } from '../tools/gen-config-schema.ts';
import { type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const configSchema = buildConfigSchema(parse(readFileSync(API_DOCUMENT, 'utf8')), adapters);
let emulator: RunningEmulator;
let dir: TempDir;
beforeAll(async () => {
  emulator = await startEmulator({ withoutFeatures: ['advanced_customizations'] });
  dir = tempDir();
});
afterAll(async () => {
  await emulator?.close();
  dir?.remove();
});

const plan = (file: string) =>
  buildPlan({
    configPaths: [file],
    env: {},
    adapters,
    configSchema,
    api: createManagementClient({
      domain: emulator.url,
      clientId: emulator.credentials.clientId,
      clientSecret: emulator.credentials.clientSecret,
    }),
  });

describe('screen renderers on a plan without Advanced Customizations (402)', () => {
  const write = (file: string, text: string) => dir.write(file, text);

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
