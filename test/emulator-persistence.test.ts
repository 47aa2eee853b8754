import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator/index.ts';
import { startEmulatorProcess } from './fixtures/emulator/child-process.ts';
import { inBatches, startWithCaller } from './fixtures/emulator/harness.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenantform-data-'));
  file = join(dir, 'tenant.json');
});

/** What the emulator writes to stderr meanwhile (warnings about the data file). */
let warnings: string[] = [];
const originalWrite = process.stderr.write.bind(process.stderr);
beforeEach(() => {
  warnings = [];
  process.stderr.write = ((chunk: string) => {
    warnings.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
});
afterEach(() => {
  process.stderr.write = originalWrite;
});

const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const records = () => lines().map((line) => JSON.parse(line));

describe('--data', () => {
  it('keeps the tenant across a restart, credentials included; its tokens hold while its address does', async () => {
    const first = await startWithCaller({ dataFile: file });
    const role = await first.call('POST', '/roles', { name: 'survivor' });
    const { clientId, clientSecret } = first.emulator.credentials;
    await first.emulator.close();
    // Same port again: let fetch's connection pool see the old server's sockets close first.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const second = await startWithCaller({ dataFile: file, port: first.emulator.port });
    try {
      expect(second.emulator.credentials).toMatchObject({ clientId, clientSecret });
      expect((await second.call('GET', `/roles/${role.body.id}`)).body).toEqual({
        id: role.body.id,
        name: 'survivor',
        type: 'tenant',
      });
      expect((await second.call('GET', '/roles', undefined, first.token)).status).toBe(200);
    } finally {
      await second.emulator.close();
    }

    // On another port it is another tenant address: the old token's audience is not its own.
    const third = await startWithCaller({ dataFile: file });
    try {
      const servers = await third.call('GET', '/resource-servers');
      const system = servers.body.find((rs: { is_system: boolean }) => rs.is_system);
      expect(system.identifier).toBe(`https://127.0.0.1:${third.emulator.port}/api/v2/`);
      const stale = await third.call('GET', '/roles', undefined, first.token);
      expect(stale.status).toBe(401);
      expect(stale.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: `Bad audience: https://127.0.0.1:${first.emulator.port}/api/v2/`,
      });
    } finally {
      await third.emulator.close();
    }
  });

  it('is readable by its owner only, and each change appends one record', async () => {
    const api = await startWithCaller({ dataFile: file });
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(records()[0]).toMatchObject({ format: 'tenantform-emulator', version: 2 });
      const before = lines().length;
      const role = await api.call('POST', '/roles', { name: 'appended' });
      // In the file as soon as the 2xx arrives: no waiting for close.
      expect(records().slice(before)).toEqual([
        { op: 'create', collection: '/roles' },
        {
          op: 'set',
          collection: '/roles',
          id: role.body.id,
          value: { id: role.body.id, name: 'appended', type: 'tenant' },
        },
      ]);
      await api.call('DELETE', `/roles/${role.body.id}`);
      expect(records().at(-1)).toEqual({ op: 'delete', collection: '/roles', id: role.body.id });
    } finally {
      await api.emulator.close();
    }
  });

  it('has every write that got a 2xx, even when the emulator is killed right after', async () => {
    const running = await startEmulatorProcess(['--data', file]);
    const token = await fetch(`${running.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: running.clientId,
        client_secret: running.clientSecret,
        audience: `${running.url}/api/v2/`,
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const created = await fetch(`${running.url}/api/v2/roles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'acknowledged' }),
    });
    expect(created.status).toBe(200);
    const exited = new Promise((resolve) => running.child.once('exit', resolve));
    running.child.kill('SIGKILL');
    await exited;

    // The killed emulator's lock is stale: the next one takes the file over.
    const api = await startWithCaller({ dataFile: file });
    try {
      const roles = await api.call('GET', '/roles');
      expect(roles.body.map((r: { name: string }) => r.name)).toEqual(['acknowledged']);
    } finally {
      await api.emulator.close();
    }
  }, 30_000);

  it('rewrites the file whole once the appended records outgrow it, and loads the same tenant', async () => {
    const api = await startWithCaller({ dataFile: file });
    const client = await api.call('POST', '/clients', { name: 'often changed' });
    const padding = 'x'.repeat(1500);
    await inBatches(800, 20, (i) =>
      api.call('PATCH', `/clients/${client.body.client_id}`, { description: `${i} ${padding}` }),
    );
    await api.call('PATCH', `/clients/${client.body.client_id}`, { description: 'final' });
    await api.emulator.close();
    // 800 records of ~2 KB were appended; the file holds each object once again.
    expect(statSync(file).size).toBeLessThan(200_000);
    const sets = records().filter((r) => r.collection === '/clients' && r.id === client.body.client_id);
    expect(sets.length).toBeLessThan(10);

    const again = await startWithCaller({ dataFile: file });
    try {
      const read = await again.call('GET', `/clients/${client.body.client_id}`);
      expect(read.body.description).toBe('final');
    } finally {
      await again.emulator.close();
    }
  });

  it('reads the single-document files earlier versions wrote, and rewrites them in the current format', async () => {
    const legacy = {
      version: 1,
      signingSecret: 'legacy-signing-secret',
      collections: [
        [
          '/clients',
          [
            [
              'dep',
              {
                client_id: 'dep',
                client_secret: 'dep-secret',
                name: 'd',
                grant_types: ['client_credentials'],
              },
            ],
          ],
        ],
        ['/resource-servers', [['rs1', { id: 'rs1', identifier: 'https://old/api/v2/', is_system: true }]]],
        ['/client-grants', [['cgr_1', { id: 'cgr_1', client_id: 'dep', audience: 'https://old/api/v2/' }]]],
        ['/roles', [['rol_1', { id: 'rol_1', name: 'from v1' }]]],
      ],
      singletons: [['/__emulator', { deployer_client_id: 'dep' }]],
    };
    writeFileSync(file, JSON.stringify(legacy), { mode: 0o644 });
    const api = await startWithCaller({ dataFile: file });
    try {
      expect(api.emulator.credentials).toMatchObject({ clientId: 'dep', clientSecret: 'dep-secret' });
      expect((await api.call('GET', '/roles')).body).toEqual([{ id: 'rol_1', name: 'from v1' }]);
      expect(records()[0]).toEqual({
        format: 'tenantform-emulator',
        version: 2,
        signingSecret: 'legacy-signing-secret',
      });
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await api.emulator.close();
    }
  });

  it('ignores a last record cut short by a crash, and repairs the file', async () => {
    const first = await startWithCaller({ dataFile: file });
    await first.call('POST', '/roles', { name: 'complete' });
    await first.emulator.close();
    appendFileSync(file, '{"op":"set","collection":"/roles","id":"rol_torn","val');

    const api = await startWithCaller({ dataFile: file });
    try {
      expect(warnings.join('')).toContain('its last record was cut short');
      expect((await api.call('GET', '/roles')).body.map((r: { name: string }) => r.name)).toEqual([
        'complete',
      ]);
      expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
      expect(() => records()).not.toThrow();
    } finally {
      await api.emulator.close();
    }
  });

  it('refuses a damaged file, naming the file, the line and what to do', async () => {
    const first = await startEmulator({ dataFile: file });
    await first.close();
    const good = lines();
    const damaged = async (text: string) => {
      writeFileSync(file, text);
      return startEmulator({ dataFile: file }).then(
        async (emulator) => {
          await emulator.close();
          return 'started';
        },
        (error: Error) => error.message,
      );
    };
    expect(await damaged([good[0], good[1], '{"op":"set",', ...good.slice(2), ''].join('\n'))).toMatch(
      new RegExp(
        `^emulator data ${file}: line 3, column 13: not valid JSON \\(.+\\)\\. Move it away \\(or delete it\\)`,
      ),
    );
    expect(await damaged([good[0], '{"op":"rename","collection":"/x"}', ''].join('\n'))).toContain(
      'line 2: not an emulator record (op "rename")',
    );
    expect(await damaged('{\n  "version": 1,\n  oops\n}')).toMatch(/is not valid JSON at line 3, column 3/);
    expect(await damaged('[1, 2]')).toContain('is not emulator data');
    const withoutDeployer = [good[0], '{"op":"set","collection":"/roles","id":"r","value":{}}', ''];
    expect(await damaged(withoutDeployer.join('\n'))).toContain('has no deployer client');
    // Nothing secret from the file is quoted back.
    const header = JSON.parse(good[0]);
    expect(await damaged(`${good[0].slice(0, -2)}\n`)).not.toContain(header.signingSecret);
  });

  it('is held by one emulator at a time', async () => {
    const first = await startEmulator({ dataFile: file });
    try {
      await expect(startEmulator({ dataFile: file })).rejects.toThrow(
        new RegExp(`in use by another running emulator: process ${process.pid} .*delete ${file}\\.lock`),
      );
    } finally {
      await first.close();
    }
    const second = await startEmulator({ dataFile: file });
    await second.close();
  });

  it('keeps writing later changes when one object cannot be saved', async () => {
    const api = await startWithCaller({ dataFile: file });
    // Only the store itself can hold such a value (request bodies are JSON); it stands for any
    // object the file cannot take.
    api.emulator.store.collection('/roles').set('rol_unsavable', { id: 'rol_unsavable', size: 10n });
    const role = await api.call('POST', '/roles', { name: 'after it' });
    expect(role.status).toBe(200);
    expect(warnings.join('')).toContain('cannot save /roles/rol_unsavable');
    await api.emulator.close();

    const again = await startWithCaller({ dataFile: file });
    try {
      expect((await again.call('GET', `/roles/${role.body.id}`)).body.name).toBe('after it');
    } finally {
      await again.emulator.close();
    }
  });
});
