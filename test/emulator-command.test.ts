import { describe, expect, it } from 'vitest';
import { describeEmulator, parseEmulatorArgs, startEmulator } from '../src/emulator/index.ts';

describe('tenantform emulator flags', () => {
  it('parses every flag', () => {
    const options = parseEmulatorArgs([
      '--port',
      '0',
      '--tls',
      '--rate-limit',
      '2',
      '--burst',
      '10',
      '--latency',
      '25',
      '--fault-rate',
      '0.1',
      '--seed',
      'demo',
      '--data',
      'tenant.json',
      '--client-id',
      'id',
      '--client-secret',
      'secret',
      '--action-build-ms',
      '50',
      '--without-feature',
      'rate_limit_policies',
    ]);
    expect(options).toEqual({
      port: 0,
      tls: true,
      rateLimit: 2,
      burst: 10,
      latencyMs: 25,
      faultRate: 0.1,
      seed: 'demo',
      dataFile: 'tenant.json',
      clientId: 'id',
      clientSecret: 'secret',
      actionBuildMs: 50,
      withoutFeatures: ['rate_limit_policies'],
    });
  });

  it('defaults to port 4010 and answers --help', () => {
    expect(parseEmulatorArgs([])).toMatchObject({ port: 4010, tls: false });
    expect(parseEmulatorArgs(['--help'])).toBe('help');
  });

  it('rejects bad values and unknown flags', () => {
    expect(() => parseEmulatorArgs(['--fault-rate', '2'])).toThrow(/fault-rate/);
    expect(() => parseEmulatorArgs(['--port', 'x'])).toThrow(/port/);
    expect(() => parseEmulatorArgs(['--colour'])).toThrow();
  });

  it('prints the URL and shell-ready exports', async () => {
    const emulator = await startEmulator({ clientId: 'cid', clientSecret: 'csecret' });
    try {
      const text = describeEmulator(emulator);
      expect(text).toContain(emulator.url);
      expect(text).toContain(`export AUTH0_DOMAIN=${emulator.url}\n`);
      expect(text).toContain('export AUTH0_CLIENT_ID=cid\n');
      expect(text).toContain('export AUTH0_CLIENT_SECRET=csecret\n');
    } finally {
      await emulator.close();
    }
  });
});

describe('runEmulatorCommand', () => {
  it('exits 1 with a plain message when the port is taken', async () => {
    const { runEmulatorCommand } = await import('../src/emulator/index.ts');
    const busy = await startEmulator({});
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await runEmulatorCommand(['--port', String(busy.port)])).toBe(1);
    } finally {
      process.stderr.write = original;
      await busy.close();
    }
    expect(written.join('')).toContain(`port ${busy.port} is in use`);
  });
});
