// Flows (Forms' server-side steps): a list of actions. The list gives summaries, so each
// flow is read whole. Actions use Flows Vault connections by id anywhere in their params:
// config names them.

import type { ResourceSpec } from './kit/spec.ts';

export const flows: ResourceSpec = {
  kind: 'collection',
  type: 'flows',
  description: 'Flows: the actions a form runs (HTTP calls, emails, Auth0 updates, …).',
  key: 'name',
  operations: {
    list: 'GET /flows',
    read: 'GET /flows/{id}',
    create: 'POST /flows',
    update: 'PATCH /flows/{id}',
    delete: 'DELETE /flows/{id}',
  },
  refs: [{ path: '**.connection_id', type: 'flows_vault_connections' }],
  // The actions are the flow's definition: a JSON file of their own.
  fields: { files: { actions: '.json' } },
};
