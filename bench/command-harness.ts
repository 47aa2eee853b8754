// How the benchmarks run tenantform's own commands (main()) against a tenant.

import type { Output } from '../src/commands/common-options.ts';

/** The environment that points tenantform's commands at a tenant: its credentials, CI mode, no colour. */
export function tenantEnv(credentials: {
  domain: string;
  clientId: string;
  clientSecret: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    AUTH0_DOMAIN: credentials.domain,
    AUTH0_CLIENT_ID: credentials.clientId,
    AUTH0_CLIENT_SECRET: credentials.clientSecret,
    AUTH0_TOKEN: '',
    CI: '1',
    NO_COLOR: '1',
  };
}

/** A command's output, kept rather than printed. */
export function captureOutput(): Output & { text: () => string } {
  const lines: string[] = [];
  return {
    stdout: (text) => void lines.push(text),
    stderr: (text) => void lines.push(text),
    isTTY: false,
    text: () => lines.join('\n'),
  };
}
