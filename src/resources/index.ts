// Every resource type tenantform manages, in the order they are listed in output.

import { actionsAdapter } from './actions.ts';
import { clientGrantsAdapter } from './client-grants.ts';
import { clientsAdapter } from './clients.ts';
import { connectionsAdapter } from './connections.ts';
import type { ResourceAdapter } from './contract.ts';
import { logStreamsAdapter } from './log-streams.ts';
import { organizationsAdapter } from './organizations.ts';
import { resourceServersAdapter } from './resource-servers.ts';
import { rolesAdapter } from './roles.ts';
import { tenantAdapter } from './tenant.ts';
import { triggersAdapter } from './triggers.ts';

export const adapters: readonly ResourceAdapter[] = [
  tenantAdapter,
  clientsAdapter,
  resourceServersAdapter,
  clientGrantsAdapter,
  connectionsAdapter,
  organizationsAdapter,
  rolesAdapter,
  actionsAdapter,
  triggersAdapter,
  logStreamsAdapter,
];

export function adapterFor(type: string): ResourceAdapter {
  const adapter = adapters.find((a) => a.type === type);
  if (!adapter) throw new Error(`unknown resource type '${type}'`);
  return adapter;
}
