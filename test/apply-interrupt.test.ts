// Ctrl-C during apply, as a real SIGINT to a real process: the first stops new work, lets
// what is in flight finish, reports, releases the tenant's lock and exits 130; a second one
// exits at once.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runTenantform,
  startEmulatorProcess,
  type EmulatorProcess,
} from './fixtures/emulator/child-process.ts';
import { tempDir, type TempDir } from './fixtures/tenant-harness.ts';

const BIN = fileURLToPath(new URL('../bin/tenantform.js', import.meta.url));
const ROLES = 12;
const CONFIG = `roles:\n${Array.from({ length: ROLES }, (_, i) => `  - name: role-${i}\n`).join('')}`;

interface Interrupted {
  code: number | null;
  pid: number | undefined;
  stdout: string;
  stderr: string;
}

/**
 * Runs apply, sends SIGINT once its first change is done (and, with `times` 2, again once it
 * has said so: two signals sent together may arrive as one), waits for its exit.
 */
function applyAndInterrupt(dir: string, env: NodeJS.ProcessEnv, times: number): Promise<Interrupted> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [BIN, 'apply', '-c', 'tenant.yaml', '--auto-approve', '--concurrency', '1'],
      {
        cwd: dir,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!sent && / created \(/.test(stdout)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    let again = times < 2;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!again && stderr.includes('Interrupted: ')) {
        again = true;
        child.kill('SIGINT');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, pid: child.pid, stdout, stderr });
    });
  });
}

describe('SIGINT during apply', () => {
  let emulator: EmulatorProcess;
  let dir: TempDir;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    // Each role takes a few hundred ms, so the apply is still going when the signal lands.
    emulator = await startEmulatorProcess(['--latency', '200']);
    dir = tempDir({ 'tenant.yaml': CONFIG });
    env = {
      AUTH0_DOMAIN: emulator.url,
      AUTH0_CLIENT_ID: emulator.clientId,
      AUTH0_CLIENT_SECRET: emulator.clientSecret,
      CI: 'true',
    };
  });
  afterAll(() => {
    emulator.child.kill();
    dir.remove();
  });

  it('once: finishes what is in flight, reports, releases the lock, exits 130; a rerun completes', async () => {
    const run = await applyAndInterrupt(dir.dir, env, 1);
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('Interrupted: starting nothing new');
    const head = /Apply interrupted: (\d+) done, 0 failed, (\d+) not started\./.exec(run.stdout);
    expect(head, run.stdout).not.toBeNull();
    const done = Number(head![1]);
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done + Number(head![2])).toBe(ROLES);
    expect(run.stdout).toMatch(/ {2}done: {8}roles\.role-0/);
    expect(run.stdout).toMatch(/ {2}not started: roles\.role-\d+/);
    expect(run.stderr).toContain('To continue: run `tenantform apply` again');

    const unlock = await runTenantform(['unlock'], { cwd: dir.dir, env });
    expect(unlock.stderr).toContain('no apply lock is held');
    const rerun = await runTenantform(['apply', '-c', 'tenant.yaml', '--auto-approve'], {
      cwd: dir.dir,
      env,
    });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`Apply complete: ${ROLES - done} created`);
  }, 90_000);

  it('twice: exits at once with 130, saying the lock is left behind', async () => {
    dir.write(
      'tenant.yaml',
      `${CONFIG}${Array.from({ length: ROLES }, (_, i) => `  - name: more-${i}\n`).join('')}`,
    );
    const run = await applyAndInterrupt(dir.dir, env, 2);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('Interrupted again: stopping at once');
    expect(run.stdout).not.toContain('Apply interrupted:');
    const unlock = await runTenantform(['unlock'], { cwd: dir.dir, env });
    expect(unlock.stderr).toContain(`pid ${run.pid}`);
  }, 90_000);
});
