// Small fake adapters for planner and applier tests: only the contract fields planning uses.

import type { ConfigObject } from '../src/core/json.ts';
import type { Reference } from '../src/resources/contract.ts';
import type { DesiredObject, LiveObject } from '../src/core/objects.ts';
import type { PlannerAdapter } from '../src/planner/model.ts';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const clients: PlannerAdapter = {
  type: 'clients',
  secretPaths: ['client_secret'],
  immutableFields: [],
  references: () => [],
};

export const resourceServers: PlannerAdapter = {
  type: 'resource_servers',
  secretPaths: [],
  immutableFields: ['identifier', 'signing_alg_frozen'],
  references: () => [],
};

/** Key `${client}/${audience}`; references its client and its API. */
export const clientGrants: PlannerAdapter = {
  type: 'client_grants',
  secretPaths: [],
  immutableFields: ['client', 'audience'],
  references: (c: ConfigObject): Reference[] => [
    ...(text(c.client) ? [{ type: 'clients', key: c.client as string, path: 'client' }] : []),
    ...(text(c.audience) ? [{ type: 'resource_servers', key: c.audience as string, path: 'audience' }] : []),
  ],
};

export const actions: PlannerAdapter = {
  type: 'actions',
  secretPaths: ['secrets.*.value'],
  immutableFields: [],
  references: () => [],
};

/** Bindings reference actions by name. */
export const triggers: PlannerAdapter = {
  type: 'triggers',
  secretPaths: [],
  immutableFields: [],
  references: (c: ConfigObject): Reference[] =>
    ((c.bindings as string[] | undefined) ?? []).map((name, i) => ({
      type: 'actions',
      key: name,
      path: `bindings.${i}`,
    })),
};

export const logStreams: PlannerAdapter = {
  type: 'log_streams',
  secretPaths: ['sink.httpAuthorization'],
  immutableFields: ['type'],
  references: () => [],
};

export const adapters = [clients, resourceServers, clientGrants, actions, triggers, logStreams];

export function want(type: string, key: string, config: ConfigObject): DesiredObject {
  return { type, key, config };
}

export function have(type: string, key: string, config: ConfigObject, system = false): LiveObject {
  return { type, key, id: `id-${type}-${key}`, config, raw: { id: `id-${type}-${key}`, ...config }, system };
}
