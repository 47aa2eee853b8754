// Where tenantform points: the tenant named by AUTH0_DOMAIN, or, when none is set, the
// embedded emulator (principle 6: works offline by default). The embedded tenant is kept in
// .tenantform/emulator-tenant.json so that plan, apply and plan again in separate runs see
// the same tenant.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  type ClientEvent,
  type ManagementClient,
  clientFromEnv,
  createManagementClient,
} from '../api/client.ts';
import { startEmulator } from '../emulator/index.ts';

export interface Target {
  api: ManagementClient;
  /** For the header of every command's output: which tenant this run reads and writes. */
  description: string;
  /** Names the tenant in saved plans, so a plan is never applied to another tenant. */
  identity: string;
  close(): Promise<void>;
}

export interface TargetOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the embedded emulator keeps its tenant; undefined keeps it in memory. */
  embeddedDataFile?: string;
  onEvent?: (event: ClientEvent) => void;
  /** Refuse, below every adapter, any request that could change the tenant (drift). */
  readOnly?: boolean;
}

export const DEFAULT_EMBEDDED_DATA = '.tenantform/emulator-tenant.json';

export async function openTarget(options: TargetOptions = {}): Promise<Target> {
  const env = options.env ?? process.env;
  if (env.AUTH0_DOMAIN) {
    const api = clientFromEnv(env, { onEvent: options.onEvent, fetch: transportFor(options) });
    return {
      api,
      description: `tenant ${env.AUTH0_DOMAIN}`,
      identity: env.AUTH0_DOMAIN,
      close: async () => {},
    };
  }
  const dataFile = options.embeddedDataFile === undefined ? undefined : resolve(options.embeddedDataFile);
  if (dataFile) prepareStateFolder(dirname(dataFile));
  const emulator = await startEmulator({ dataFile, actionBuildMs: 300 });
  const api = createManagementClient({
    domain: emulator.url,
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
    onEvent: options.onEvent,
    fetch: transportFor(options),
  });
  return {
    api,
    description: dataFile
      ? `embedded emulator (tenant kept in ${options.embeddedDataFile}; set AUTH0_DOMAIN to target a real tenant)`
      : 'embedded emulator (in memory)',
    identity: `embedded emulator ${options.embeddedDataFile ?? '(in memory)'}`,
    close: () => emulator.close(),
  };
}

/**
 * The embedded tenant's folder (`.tenantform/`) holds every secret of that tenant in clear:
 * private to its owner, and kept out of Git by a `.gitignore` of its own.
 */
function prepareStateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const ignore = join(folder, '.gitignore');
  if (!existsSync(ignore)) {
    writeFileSync(
      ignore,
      "# tenantform's local state (the embedded emulator's tenant, secrets included)\n*\n",
    );
  }
}

/**
 * With readOnly, the transport itself rejects every method but GET on the Management API,
 * so no code path above it (adapter, planner, a future bug) can write. The token request
 * (POST /oauth/token) reads nothing and changes nothing, so it passes.
 */
function transportFor(options: TargetOptions): typeof fetch | undefined {
  if (!options.readOnly) return undefined;
  return (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (request.method !== 'GET' && !path.endsWith('/oauth/token')) {
      return Promise.reject(new Error(`read-only run: refused ${request.method} ${path}`));
    }
    return fetch(request);
  };
}
