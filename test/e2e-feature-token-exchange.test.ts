// A managed type behind an Early Access feature, through the CLI: on an emulator without
// token exchange profiles, config that does not mention them plans as usual; config that
// does fails naming the feature and the file, and writes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

describe('token exchange profiles on a tenant without the feature', () => {
  let h: Harness;
  let dir: TempDir;
  beforeAll(async () => {
    h = await startHarness({ withoutFeatures: ['token_exchange_profiles'] });
    dir = tempDir();
  });
  afterAll(async () => {
    await h?.close();
    dir?.remove();
  });

  it('are skipped when config does not mention them', async () => {
    dir.write('tenant.yaml', 'roles:\n  - name: Reader\n');
    const result = await h.run(['plan', '--detailed-exitcode', '-c', dir.dir]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toContain('roles.Reader');
  });

  it('fail naming the feature and the file when config mentions them', async () => {
    dir.write(
      'tenant.yaml',
      [
        'token_exchange_profiles:',
        '  - name: legacy',
        '    subject_token_type: https://example.com/legacy-token',
        '    action: exchange',
        '    type: custom_authentication',
        'actions:',
        '  - name: exchange',
        '    code: "exports.onExecuteCustomTokenExchange = async () => {};"',
        '    supported_triggers: [{ id: custom-token-exchange, version: v1 }]',
        '',
      ].join('\n'),
    );
    const before = h.writes().length;
    const result = await h.run(['apply', '--auto-approve', '-c', dir.dir]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /tenant\.yaml:\d+:\d+: token_exchange_profiles: the tenant does not have token exchange profiles/,
    );
    expect(h.writes().length).toBe(before);
  });
});
