// Generates a large, realistic tenant config for the deployer benchmark: ~500 objects across
// every type tenantform manages, in the proportions a mid-size B2B tenant has (many apps,
// fewer APIs, machine-to-machine grants, a handful of connections, many roles, a few dozen
// actions bound to their triggers, a few log streams). Deterministic: the same sizes always
// give byte-identical files.
//
// Run alone: npx tsx bench/generate-tenant.ts [DIR]   (default: .tenantform/bench-tenant)

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export interface TenantSizes {
  /** Interactive apps (spa, regular_web, native, in turn). */
  interactiveClients: number;
  /** Machine-to-machine apps; each gets client grants. */
  m2mClients: number; // grants: 2 per M2M client, a third for 2 in 5 (≈ 2.4 each)
  resourceServers: number;
  connections: number;
  roles: number;
  actions: number;
  logStreams: number;
  /** Organizations, each with 1–2 of the connections enabled (none in the default benchmark). */
  organizations?: number;
}

/** ≈ 500 objects: 1 tenant + 120 clients + 40 APIs + 120 grants + 30 connections + 150 roles + 25 actions + 5 triggers + 10 log streams. */
export const DEFAULT_SIZES: TenantSizes = {
  interactiveClients: 70,
  m2mClients: 50,
  resourceServers: 40,
  connections: 30,
  roles: 150,
  actions: 25,
  logStreams: 10,
};

type Obj = Record<string, unknown>;

export interface GeneratedTenant {
  tenant: Obj;
  clients: Obj[];
  resource_servers: Obj[];
  client_grants: Obj[];
  connections: Obj[];
  roles: Obj[];
  actions: Obj[];
  triggers: Record<string, { action: string; display_name: string }[]>;
  log_streams: Obj[];
  organizations: Obj[];
}

/** Small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(3, '0');
const DOMAINS = [
  'billing',
  'bookings',
  'catalog',
  'crm',
  'fleet',
  'hr',
  'inventory',
  'ledger',
  'maps',
  'payments',
];
const VERBS = ['read', 'write', 'delete', 'admin', 'export', 'approve', 'audit', 'sync', 'import', 'share'];
/** Triggers and how many of the actions each gets (in this order, round-robin by weight). */
const TRIGGERS: { id: string; version: string; weight: number }[] = [
  { id: 'post-login', version: 'v3', weight: 10 },
  { id: 'credentials-exchange', version: 'v2', weight: 5 },
  { id: 'pre-user-registration', version: 'v2', weight: 4 },
  { id: 'post-user-registration', version: 'v2', weight: 3 },
  { id: 'post-change-password', version: 'v2', weight: 3 },
];

export function generateTenant(sizes: TenantSizes = DEFAULT_SIZES, seed = 20240501): GeneratedTenant {
  const random = prng(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[], n: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    return out;
  };

  const tenant: Obj = {
    friendly_name: 'Bench Corp',
    support_email: 'support@bench.example',
    support_url: 'https://help.bench.example',
    session_lifetime: 72,
    idle_session_lifetime: 24,
  };

  // Resource servers (APIs) with 4–10 scopes each.
  const resource_servers = Array.from({ length: sizes.resourceServers }, (_, i) => {
    const area = DOMAINS[i % DOMAINS.length];
    const scopeCount = between(4, 10);
    return {
      name: `Bench ${area} API ${pad(i)}`,
      identifier: `https://api.bench.example/${area}/${pad(i)}`,
      signing_alg: 'RS256',
      token_lifetime: [3600, 7200, 86400][i % 3],
      allow_offline_access: i % 4 === 0,
      scopes: VERBS.slice(0, scopeCount).map((verb) => ({
        value: `${verb}:${area}`,
        description: `${verb[0].toUpperCase()}${verb.slice(1)} ${area} (API ${pad(i)})`,
      })),
    };
  });

  // Clients: interactive apps (spa / regular_web / native) and M2M services.
  const appTypes = ['spa', 'regular_web', 'native'] as const;
  const interactive = Array.from({ length: sizes.interactiveClients }, (_, i) => {
    const app_type = appTypes[i % appTypes.length];
    const host = `app${pad(i)}.bench.example`;
    const client: Obj = {
      name: `Bench App ${pad(i)} (${app_type})`,
      description: `Customer-facing ${app_type} application number ${i}.`,
      app_type,
      callbacks: [`https://${host}/callback`],
      allowed_logout_urls: [`https://${host}`],
      grant_types: ['authorization_code', 'refresh_token'],
    };
    if (app_type === 'spa') {
      client.token_endpoint_auth_method = 'none';
      client.web_origins = [`https://${host}`];
    }
    if (app_type === 'native') client.token_endpoint_auth_method = 'none';
    return client;
  });
  const m2m = Array.from({ length: sizes.m2mClients }, (_, i) => ({
    name: `Bench Service ${pad(i)}`,
    description: `Back-end job ${i}.`,
    app_type: 'non_interactive',
    grant_types: ['client_credentials'],
  }));
  const clients: Obj[] = [...interactive, ...m2m];

  // Client grants: each M2M client to 2 APIs, 2 in 5 to a third; a few scopes of each.
  const client_grants: Obj[] = [];
  m2m.forEach((service, i) => {
    const apiCount = i % 5 < 2 ? 3 : 2;
    for (let k = 0; k < apiCount && k < resource_servers.length; k++) {
      // Consecutive APIs from a per-client start: distinct for every k below the API count (a
      // stride would repeat an API whenever the count divides it).
      const api = resource_servers[(i * 3 + k) % resource_servers.length];
      const scopes = api.scopes.map((s) => s.value);
      client_grants.push({
        client: service.name,
        audience: api.identifier,
        scope: pick(scopes, between(1, Math.min(4, scopes.length))),
      });
    }
  });

  // Connections: mostly databases, some social; each enabled for 3–8 interactive apps.
  const connections = Array.from({ length: sizes.connections }, (_, i) => {
    const social = i % 5 === 4;
    const connection: Obj = {
      name: social ? `bench-google-${pad(i)}` : `bench-db-${pad(i)}`,
      strategy: social ? 'google-oauth2' : 'auth0',
      enabled_clients: pick(
        interactive.map((c) => String(c.name)),
        Math.min(interactive.length, between(3, 8)),
      ),
    };
    connection.options = social
      ? { email: true, profile: true, scope: ['email', 'profile'] }
      : {
          requires_username: i % 3 === 0,
          brute_force_protection: true,
          passwordPolicy: ['fair', 'good', 'excellent'][i % 3],
          password_complexity_options: { min_length: 8 + (i % 5) },
        };
    return connection;
  });

  // Roles with 2–6 permissions on scopes of 1–2 APIs.
  const roles = Array.from({ length: sizes.roles }, (_, i) => {
    const apis = pick(resource_servers, resource_servers.length > 1 ? between(1, 2) : 1);
    const candidates = apis.flatMap((api) =>
      api.scopes.map((s) => ({ resource_server: api.identifier, name: s.value })),
    );
    return {
      name: `Bench Role ${pad(i)}`,
      description: `Role ${i} for ${apis.map((a) => a.name).join(' and ')}.`,
      permissions: pick(candidates, Math.min(candidates.length, between(2, 6))),
    };
  });

  // Actions, each for one trigger, and the bindings that run them in order.
  const totalWeight = TRIGGERS.reduce((n, t) => n + t.weight, 0);
  const triggers: GeneratedTenant['triggers'] = {};
  const actions = Array.from({ length: sizes.actions }, (_, i) => {
    // Spread by weight: slot i of each cycle of totalWeight goes to the trigger owning it.
    const slot = i % totalWeight;
    let owned = 0;
    const trigger =
      TRIGGERS.find((t) => {
        owned += t.weight;
        return slot < owned;
      }) ?? TRIGGERS[0];
    const name = `bench-${trigger.id}-${pad(i)}`;
    const bindings = triggers[trigger.id] ?? [];
    triggers[trigger.id] = bindings;
    bindings.push({ action: name, display_name: name });
    const action: Obj = {
      name,
      runtime: 'node22',
      code: actionCode(trigger.id, i),
      supported_triggers: [{ id: trigger.id, version: trigger.version }],
      dependencies: i % 4 === 0 ? [{ name: 'lodash', version: '4.17.21' }] : [],
      // Secrets are ${VAR}s, as config must write them; the defaults keep the bench self-contained.
      secrets:
        i % 3 === 0
          ? [{ name: 'API_KEY', value: `\${BENCH_ACTION_SECRET_${pad(i)}:-bench-secret-${pad(i)}}` }]
          : [],
    };
    return action;
  });

  const log_streams = Array.from({ length: sizes.logStreams }, (_, i) => ({
    name: `Bench SIEM ${pad(i)}`,
    type: 'http',
    sink: {
      httpEndpoint: `https://siem${pad(i)}.bench.example/auth0`,
      httpContentType: 'application/json',
      httpContentFormat: i % 2 === 0 ? 'JSONLINES' : 'JSONARRAY',
      httpAuthorization: `\${BENCH_LOG_TOKEN_${pad(i)}:-Bearer bench-log-token-${pad(i)}}`,
    },
  }));

  const organizations = Array.from({ length: sizes.organizations ?? 0 }, (_, i) => ({
    name: `bench-org-${pad(i)}`,
    display_name: `Bench Customer ${pad(i)}`,
    enabled_connections: pick(connections, Math.min(connections.length, between(1, 2))).map((c) => ({
      connection: String(c.name),
    })),
  }));

  return {
    tenant,
    clients,
    resource_servers,
    client_grants,
    connections,
    roles,
    actions,
    triggers,
    log_streams,
    organizations,
  };
}

function actionCode(trigger: string, i: number): string {
  const name = `onExecute${trigger.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`;
  return `// Generated by bench/generate-tenant.ts (action ${i}).\nexports.${name} = async (event, api) => {\n  // no-op: the benchmark measures deployment, not execution\n};\n`;
}

/** Objects as tenantform counts them (triggers: one object per trigger with bindings). */
export function countObjects(t: GeneratedTenant): Record<string, number> {
  return {
    tenant: 1,
    clients: t.clients.length,
    resource_servers: t.resource_servers.length,
    client_grants: t.client_grants.length,
    connections: t.connections.length,
    roles: t.roles.length,
    actions: t.actions.length,
    triggers: Object.keys(t.triggers).length,
    log_streams: t.log_streams.length,
    ...(t.organizations.length > 0 ? { organizations: t.organizations.length } : {}),
  };
}

const HEADER = '# Generated by bench/generate-tenant.ts; do not edit.\n';

/** Writes one YAML file per type into `dir` (emptied first); returns the directory. */
export function writeTenant(dir: string, tenant: GeneratedTenant): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [type, value] of Object.entries(tenant)) {
    if (Array.isArray(value) && value.length === 0) continue;
    writeFileSync(join(dir, `${type}.yaml`), HEADER + stringify({ [type]: value }, { lineWidth: 0 }));
  }
  return dir;
}

/** Scales every size by `factor` (at least 1 of each), for quick runs. */
export function scaledSizes(factor: number, base: TenantSizes = DEFAULT_SIZES): TenantSizes {
  const out = { ...base };
  for (const key of Object.keys(out) as (keyof TenantSizes)[])
    out[key] = Math.max(1, Math.round((base[key] ?? 0) * factor));
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = resolve(process.argv[2] ?? '.tenantform/bench-tenant');
  const tenant = generateTenant();
  writeTenant(dir, tenant);
  const counts = countObjects(tenant);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  process.stdout.write(`wrote ${total} objects to ${dir}: ${JSON.stringify(counts)}\n`);
}
