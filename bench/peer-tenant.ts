// The benchmark tenant in auth0-deploy-cli's YAML format: the same objects as
// bench/generate-tenant.ts writes for tenantform, so both tools deploy one tenant
// (bench/peer.ts, test/deploy-cli.test.ts). Names stand for ids, as deploy-cli resolves them.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { GeneratedTenant } from './generate-tenant.ts';

type Obj = Record<string, unknown>;

/** auth0-deploy-cli's tenant.yaml document, and the action code files it points at. */
export interface DeployCliTenant {
  document: Obj;
  /** Relative path → content (`actions/<name>/code.js`). */
  files: Record<string, string>;
}

export function toDeployCli(tenant: GeneratedTenant): DeployCliTenant {
  const files: Record<string, string> = {};
  const isDatabase = (c: Obj) => c.strategy === 'auth0';
  const document: Obj = {
    tenant: tenant.tenant,
    clients: tenant.clients,
    resourceServers: tenant.resource_servers,
    clientGrants: tenant.client_grants.map(({ client, ...grant }) => ({ client_id: client, ...grant })),
    databases: tenant.connections.filter(isDatabase),
    connections: tenant.connections.filter((c) => !isDatabase(c)),
    roles: tenant.roles.map((role) => ({
      ...role,
      permissions: (role.permissions as { resource_server: string; name: string }[]).map((p) => ({
        permission_name: p.name,
        resource_server_identifier: p.resource_server,
      })),
    })),
    actions: tenant.actions.map(({ code, ...action }) => {
      const path = `actions/${String(action.name)}/code.js`;
      files[path] = String(code);
      return { ...action, code: `./${path}`, deployed: true };
    }),
    triggers: Object.fromEntries(
      Object.entries(tenant.triggers).map(([trigger, bindings]) => [
        trigger,
        bindings.map((b) => ({ action_name: b.action, display_name: b.display_name })),
      ]),
    ),
    logStreams: tenant.log_streams,
    organizations: tenant.organizations.map(({ enabled_connections, ...organization }) => ({
      ...organization,
      connections: (enabled_connections as { connection: string }[]).map((c) => ({
        connection_id: c.connection,
        assign_membership_on_login: false,
      })),
    })),
  };
  return { document, files };
}

/** Writes `tenant.yaml` and the action files into `dir` (emptied first); returns the YAML path. */
export function writeDeployCliTenant(dir: string, tenant: DeployCliTenant): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(tenant.files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  const file = join(dir, 'tenant.yaml');
  writeFileSync(file, stringify(tenant.document, { lineWidth: 0 }));
  return file;
}
