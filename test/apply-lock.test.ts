// The apply lock held in the tenant: two real processes applying one config to one emulator
// at once, a stale lock, and the commands that must never take it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_IDENTIFIER } from '../src/apply/tenantform-objects.ts';
import {
  runTenantform,
  startEmulatorProcess,
  type EmulatorProcess,
} from './fixtures/emulator/child-process.ts';
import { lockRequests, startHarness, tempDir, type Harness } from './fixtures/tenant-harness.ts';

const ROLES = 16;
const CONFIG = `roles:\n${Array.from({ length: ROLES }, (_, i) => `  - name: role-${i}\n`).join('')}`;

describe('two applies started together against one tenant', () => {
  let emulator: EmulatorProcess;
  beforeAll(async () => {
    // Latency makes each apply take seconds, so the two runs overlap whatever their start-up.
    emulator = await startEmulatorProcess(['--latency', '150']);
  });
  afterAll(() => {
    emulator.child.kill();
  });

  it('exactly one applies; the other is refused naming the holder, and nothing is duplicated', async () => {
    const dir = tempDir({ 'tenant.yaml': CONFIG });
    const env = {
      AUTH0_DOMAIN: emulator.url,
      AUTH0_CLIENT_ID: emulator.clientId,
      AUTH0_CLIENT_SECRET: emulator.clientSecret,
      CI: 'true',
    };
    const args = ['apply', '-c', 'tenant.yaml', '--auto-approve', '--concurrency', '2'];
    const runs = await Promise.all([
      runTenantform(args, { cwd: dir.dir, env, timeoutMs: 60_000 }),
      runTenantform(args, { cwd: dir.dir, env, timeoutMs: 60_000 }),
    ]);
    const winners = runs.filter((r) => r.code === 0);
    const refused = runs.filter((r) => r.code === 1);
    expect(winners, runs.map((r) => r.stderr).join('\n---\n')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(winners[0]!.stdout).toContain(`Apply complete: ${ROLES} created`);
    expect(refused[0]!.stderr).toContain("another apply holds this tenant's lock");
    expect(refused[0]!.stderr).toContain(`pid ${winners[0]!.pid}`);
    expect(refused[0]!.stderr).toMatch(/run [0-9a-f]{8}, since \S+, expires \S+/);
    expect(refused[0]!.stderr).toContain('tenantform unlock');

    // The tenant holds each role once, and the lock is gone.
    const again = await runTenantform(['plan', '-c', 'tenant.yaml', '--detailed-exitcode'], {
      cwd: dir.dir,
      env,
    });
    expect(again.code, again.stderr).toBe(0);
    const unlock = await runTenantform(['unlock'], { cwd: dir.dir, env });
    expect(unlock.stderr).toContain('no apply lock is held');
    dir.remove();
  }, 90_000);
});

describe('a lock left behind', () => {
  let h: Harness;
  const dir = tempDir({ 'tenant.yaml': 'roles:\n  - name: reader\n' });
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
    dir.remove();
  });

  const leaveLock = (expires: string) =>
    h.api('POST', '/resource-servers', {
      identifier: LOCK_IDENTIFIER,
      name: `tenantform apply lock; user=ci; host=runner-7; pid=4242; run=deadbeef; since=2026-01-01T00:00:00.000Z; expires=${expires}`,
    });

  it('refuses apply until `tenantform unlock` breaks it; plan and drift neither take it nor show it', async () => {
    await leaveLock('2999-01-01T00:00:00.000Z');
    const refused = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ci@runner-7, pid 4242, run deadbeef');
    expect(refused.stderr).toContain('expires 2999-01-01T00:00:00.000Z');
    expect(h.writes()).toEqual([]);

    const before = h.requests.length;
    const plan = await h.run(['plan', '-c', dir.dir, '--allow-delete', '--format', 'json']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).not.toContain(LOCK_IDENTIFIER);
    expect((await h.run(['drift', '-c', dir.dir, '--allow-delete'])).stdout).not.toContain(LOCK_IDENTIFIER);
    expect(h.requests.slice(before).filter((r) => r.method !== 'GET' && r.path !== '/oauth/token')).toEqual(
      [],
    );

    const unlock = await h.run(['unlock']);
    expect(unlock.code).toBe(0);
    expect(unlock.stderr).toContain('it was held by ci@runner-7, pid 4242');
    const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
  });

  it('is taken over once expired, and released at the end', async () => {
    await leaveLock('2001-01-01T00:00:00.000Z');
    const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve', '--allow-delete']);
    expect(applied.code, applied.stderr).toBe(0);
    const servers = await h.get<{ identifier: string }[]>('/resource-servers');
    expect(servers.map((s) => s.identifier)).not.toContain(LOCK_IDENTIFIER);
    // The run's own lock: created, then deleted, and not counted among the tenant's writes.
    const lock = [...lockRequests(h.requests)].filter((r) => r.status !== 409);
    expect(lock.map((r) => r.method).slice(-2)).toEqual(['POST', 'DELETE']);
  });

  it('is never exported', async () => {
    await leaveLock('2999-01-01T00:00:00.000Z');
    const out = tempDir();
    expect((await h.run(['export', '-o', out.dir])).code).toBe(0);
    for (const file of out.files()) expect(out.read(file)).not.toContain(LOCK_IDENTIFIER);
    out.remove();
    await h.run(['unlock']);
  });
});

describe('a lock whose create fails', () => {
  it('is created again while the tenant shows none, not reported as held by someone', async () => {
    let failures = 0;
    const h = await startHarness({
      failWith: (r) =>
        r.method === 'POST' &&
        r.path === '/resource-servers' &&
        r.body.includes(LOCK_IDENTIFIER) &&
        failures++ < 3
          ? 503
          : undefined,
    });
    const dir = tempDir({ 'tenant.yaml': 'roles:\n  - name: reader\n' });
    try {
      const applied = await h.run(['apply', '-c', dir.dir, '--auto-approve']);
      expect(applied.code, applied.stderr).toBe(0);
      expect(failures).toBe(4);
      const servers = await h.get<{ identifier: string }[]>('/resource-servers');
      expect(servers.map((s) => s.identifier)).not.toContain(LOCK_IDENTIFIER);
    } finally {
      await h.close();
      dir.remove();
    }
  });
});
