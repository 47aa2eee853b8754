// Connection profiles: the template enterprise connections created through self-service
// SSO or express configuration start from. Natural key: name.

import type { ResourceSpec } from './kit/spec.ts';

export const connectionProfiles: ResourceSpec = {
  kind: 'collection',
  type: 'connection_profiles',
  description: 'Connection profiles: settings enterprise connections made by self-service SSO start from.',
  key: 'name',
  operations: {
    list: 'GET /connection-profiles',
    create: 'POST /connection-profiles',
    update: 'PATCH /connection-profiles/{id}',
    delete: 'DELETE /connection-profiles/{id}',
  },
  fields: { sets: { enabled_features: [] } },
  feature: 'connection profiles',
};
