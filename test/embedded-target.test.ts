import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTarget } from '../src/commands/target.ts';
import { runTenantform } from './fixtures/emulator/child-process.ts';

const CONFIG = 'roles:\n  - name: reader\n';

describe("the embedded emulator's tenant file", () => {
  it('is private to its owner, and its folder is kept out of Git', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenantform-embedded-'));
    const data = join(dir, '.tenantform', 'emulator-tenant.json');
    const target = await openTarget({ env: {}, embeddedDataFile: data });
    await target.close();
    expect(statSync(data).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.tenantform')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, '.tenantform', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    // check-ignore exits 0 when the path is ignored (it throws otherwise).
    execFileSync('git', ['check-ignore', '-q', '.tenantform/emulator-tenant.json'], { cwd: dir });
  });

  it('gets its .gitignore in a folder an earlier version made without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenantform-embedded-'));
    mkdirSync(join(dir, '.tenantform'));
    const target = await openTarget({
      env: {},
      embeddedDataFile: join(dir, '.tenantform', 'emulator-tenant.json'),
    });
    await target.close();
    expect(existsSync(join(dir, '.tenantform', '.gitignore'))).toBe(true);
  });
});

describe('a damaged tenant file stops commands with a message and exit 1, never a hang', () => {
  it('tenantform emulator --data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenantform-damaged-'));
    const file = join(dir, 'tenant.json');
    writeFileSync(file, '{"format":"tenantform-emulator","version":2,"signingSecret":"s"}\nnot json\n');
    const result = await runTenantform(['emulator', '--port', '0', '--data', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `tenantform emulator: cannot start: emulator data ${file}: line 2: not valid JSON`,
    );
    expect(result.stderr).toContain('Move it away (or delete it) to start from a fresh tenant.');
  });

  it('tenantform plan on the embedded emulator', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenantform-damaged-'));
    writeFileSync(join(dir, 'tenant.yaml'), CONFIG);
    mkdirSync(join(dir, '.tenantform'));
    writeFileSync(join(dir, '.tenantform', 'emulator-tenant.json'), '{"version": 1, "signingSecret": ');
    const result = await runTenantform(['plan', '-c', 'tenant.yaml'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '.tenantform/emulator-tenant.json: is not valid JSON (Unexpected end of JSON input)',
    );
    expect(result.stderr).toContain('Move it away (or delete it)');
  });
});
