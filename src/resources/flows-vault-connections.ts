// Flows Vault connections: credentials flows use to reach other apps. The setup (tokens,
// keys, secrets) is written but never read back: write-only. The app cannot change.

import type { ResourceSpec } from './kit/spec.ts';

export const flowsVaultConnections: ResourceSpec = {
  kind: 'collection',
  type: 'flows_vault_connections',
  description: 'Flows Vault connections: the credentials flows use for other apps (HTTP, Slack, …).',
  key: 'name',
  operations: {
    list: 'GET /flows/vault/connections',
    create: 'POST /flows/vault/connections',
    update: 'PATCH /flows/vault/connections/{id}',
    delete: 'DELETE /flows/vault/connections/{id}',
  },
  // The whole setup is credentials (its type included, it is never read back).
  fields: { writeOnly: ['setup'], immutable: ['app_id'] },
};
