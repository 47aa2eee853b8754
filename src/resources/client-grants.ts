// Client grants: a client's access to an API. Natural key: client name + audience; the
// API allows one grant per pair and neither can change, so both make the key.

import type { ResourceSpec } from './kit/spec.ts';

export const clientGrants: ResourceSpec = {
  kind: 'collection',
  type: 'client_grants',
  description: "Client grants: a machine-to-machine client's access to an API, with the scopes granted.",
  key: ['client', 'audience'],
  operations: {
    list: 'GET /client-grants',
    create: 'POST /client-grants',
    update: 'PATCH /client-grants/{id}',
    delete: 'DELETE /client-grants/{id}',
  },
  refs: [
    {
      path: 'client',
      api: 'client_id',
      type: 'clients',
      description: 'Name of the client (application) granted access.',
    },
    { path: 'audience', type: 'resource_servers', by: 'key' },
    { path: 'scope.*', type: 'resource_servers', memberOf: 'audience' },
  ],
  fields: {
    sets: { scope: [] },
    // Whom the grant is for (a client, or users) is fixed once created.
    immutable: ['subject_type'],
    defaults: { subject_type: 'client' },
  },
  isSystem: (raw, ctx) => raw.is_system === true || raw.client_id === ctx.deployerClientId,
};
