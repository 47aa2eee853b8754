// The command line as users meet it: --version, each command's own help, suggestions for
// slips, apply's JSON lines and drift's closing advice (against an emulator over HTTP).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/usage.ts';
import { runCli } from './fixtures/run-cli.ts';
import { withExampleTenant } from './fixtures/tenant-harness.ts';

const run = (args: string[]) => runCli(args);

describe('offline', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each(Object.keys(COMMANDS).filter((c) => c !== 'emulator'))(
    '%s --help shows its own options, exit codes and an example',
    async (command) => {
      const { code, stdout } = await run([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`tenantform ${command} ${COMMANDS[command]!.synopsis}`);
      expect(stdout).toMatch(/\nExit codes:\n {2}0 /);
      expect(stdout).toMatch(new RegExp(`\\nExample:\\n {2}tenantform ${command}\\b`));
      for (const option of COMMANDS[command]!.options) expect(stdout).toContain(`--${option}`);
    },
  );

  it('lists only the options of the command', async () => {
    const plan = (await run(['plan', '--help'])).stdout;
    expect(plan).toContain('--detailed-exitcode');
    expect(plan).not.toContain('--auto-approve');
    expect((await run(['apply', '--help'])).stdout).toContain(
      '--format FORMAT          text (default) or json',
    );
  });

  it('suggests the command a slip meant', async () => {
    const { code, stderr } = await run(['plna', '-c', 'tenant']);
    expect(code).toBe(1);
    expect(stderr).toContain("unknown command 'plna'; did you mean 'plan'?");
    expect((await run(['frobnicate'])).stderr).not.toContain('did you mean');
  });

  it('suggests the flag a slip meant, and names the command a flag belongs to', async () => {
    const slip = await run(['plan', '--detailed-exit-code']);
    expect(slip.code).toBe(1);
    expect(slip.stderr).toContain(
      "unknown option '--detailed-exit-code' for tenantform plan; did you mean '--detailed-exitcode'?",
    );
    expect((await run(['apply', '--auto-aprove'])).stderr).toContain("did you mean '--auto-approve'?");
    expect((await run(['drift', '--out', 'plan.json'])).stderr).toContain(
      '--out is not an option of tenantform drift (it is one of tenantform plan)',
    );
    expect((await run(['plan', 'tenant/'])).stderr).toContain("unexpected argument 'tenant/'");
    expect((await run(['apply', '--format', 'markdown'])).stderr).toContain(
      "--format of tenantform apply must be text, json; got 'markdown'",
    );
  });
});

describe('against an emulator', () => {
  const t = withExampleTenant();

  it('apply --format json writes the plan, progress events and the report as JSON lines', async () => {
    const refused = await t.h.run(['apply', '-c', t.config.dir, '--format', 'json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--auto-approve');

    const { code, stdout } = await t.h.run([
      'apply',
      '-c',
      t.config.dir,
      '--format',
      'json',
      '--auto-approve',
    ]);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const [plan, ...events] = lines;
    const report = events.pop();
    expect(plan).toMatchObject({ type: 'plan', formatVersion: 1, kind: 'plan' });
    expect(plan.changes.length).toBeGreaterThan(5);
    expect(report).toMatchObject({
      type: 'report',
      formatVersion: 1,
      succeeded: true,
      failed: [],
      skipped: [],
    });
    expect(report.done).toHaveLength(plan.changes.length);
    const addresses = plan.changes.map((c: { address: string }) => c.address).sort();
    expect(
      events
        .filter((e) => e.type === 'start')
        .map((e) => e.address)
        .sort(),
    ).toEqual(addresses);
    const done = events.filter((e) => e.type === 'done');
    expect(done.map((e) => e.address).sort()).toEqual(addresses);
    expect(done[0]).toEqual({
      type: 'done',
      address: done[0].address,
      action: expect.stringMatching(/create|update/),
      ms: expect.any(Number),
    });

    const again = await t.h.run(['apply', '-c', t.config.dir, '--format', 'json', '--auto-approve']);
    const last = JSON.parse(again.stdout.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'report', succeeded: true, done: [] });
  });

  it('drift says what to run about unmanaged objects, not a flag drift does not write with', async () => {
    const { code, stdout } = await t.h.run(['drift', '-c', t.config.dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('tenantform plan --allow-delete');
    expect(stdout).not.toContain('use --allow-delete');
  });
});
