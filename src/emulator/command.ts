import { parseArgs } from 'node:util';
import { checkFeatureNames, FEATURES } from './features.ts';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.ts';

const HELP = `tenantform emulator — a local Auth0 Management API v2 on 127.0.0.1

Usage: tenantform emulator [options]

Options:
  --port N              port to listen on (default 4010; 0 picks a free port)
  --tls                 serve https with a self-signed certificate for localhost and 127.0.0.1;
                        the certificate file is printed (trust it with NODE_EXTRA_CA_CERTS)
  --rate-limit R        token bucket refill, requests per second (default: no limit)
  --burst B             token bucket size (default: the rate limit)
  --latency MS          added latency per request in ms, with ±50% jitter (default 0)
  --fault-rate F        share of API requests (0..1) answered 500/503 or dropped (default 0)
  --seed S              makes ids, faults and latency reproducible
  --data FILE           keep the tenant in FILE across restarts: every change is in it
                        before its reply is sent; readable by its owner only; one
                        emulator at a time (FILE.lock)
  --client-id ID        client id of the deployer client (default: generated)
  --client-secret S     client secret of the deployer client (default: generated)
  --action-build-ms MS  how long an action takes to build (default 1000)
  --without-feature F   answer as a tenant without feature F does (repeatable): ${Object.keys(FEATURES).sort().join(', ')}
  --help                show this help
`;

function numberFlag(
  name: string,
  value: string | undefined,
  check: (n: number) => boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || !check(parsed))
    throw new Error(`--${name}: invalid value ${JSON.stringify(value)}`);
  return parsed;
}

function featureFlag(names: string[]): string[] {
  try {
    checkFeatureNames(names);
  } catch (error) {
    throw new Error(`--without-feature: ${(error as Error).message}`);
  }
  return names;
}

export function parseEmulatorArgs(argv: string[]): EmulatorOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      tls: { type: 'boolean' },
      'rate-limit': { type: 'string' },
      burst: { type: 'string' },
      latency: { type: 'string' },
      'fault-rate': { type: 'string' },
      seed: { type: 'string' },
      data: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'action-build-ms': { type: 'string' },
      'without-feature': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  return {
    port: numberFlag('port', values.port ?? '4010', (n) => Number.isInteger(n) && n >= 0 && n < 65536),
    tls: values.tls ?? false,
    rateLimit: numberFlag('rate-limit', values['rate-limit'], (n) => n > 0),
    burst: numberFlag('burst', values.burst, (n) => Number.isInteger(n) && n >= 1),
    latencyMs: numberFlag('latency', values.latency, (n) => n >= 0),
    faultRate: numberFlag('fault-rate', values['fault-rate'], (n) => n >= 0 && n <= 1),
    seed: values.seed,
    dataFile: values.data,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    actionBuildMs: numberFlag('action-build-ms', values['action-build-ms'], (n) => n >= 0),
    withoutFeatures: featureFlag(values['without-feature'] ?? []),
  };
}

/** What to paste into a shell to point tenantform (or the SDK, over TLS) at the emulator. */
export function describeEmulator(emulator: RunningEmulator): string {
  const lines = [
    `tenantform emulator listening on ${emulator.url} (Management API at ${emulator.url}/api/v2)`,
    '',
  ];
  if (emulator.certFile) lines.push(`export NODE_EXTRA_CA_CERTS=${emulator.certFile}`);
  lines.push(
    `export AUTH0_DOMAIN=${emulator.credentials.domain}`,
    `export AUTH0_CLIENT_ID=${emulator.credentials.clientId}`,
    `export AUTH0_CLIENT_SECRET=${emulator.credentials.clientSecret}`,
  );
  return `${lines.join('\n')}\n`;
}

/** `tenantform emulator [flags]`: runs until SIGINT/SIGTERM. Returns the process exit code. */
export async function runEmulatorCommand(argv: string[]): Promise<number> {
  let options: EmulatorOptions | 'help';
  try {
    options = parseEmulatorArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${options.port} is in use (--port 0 picks a free one)`
        : (error as Error).message;
    process.stderr.write(`tenantform emulator: cannot start: ${reason}\n`);
    return 1;
  }
  process.stdout.write(describeEmulator(emulator));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.close();
  return 0;
}
