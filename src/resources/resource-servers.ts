// APIs. Natural key: identifier (immutable in the API, so a new identifier is a new API).
// The Auth0 Management API itself is a system object, and so are tenantform's own (its apply
// lock, its digests of write-only secrets).

import { isTenantformObject } from '../apply/tenantform-objects.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const resourceServers: ResourceSpec = {
  kind: 'collection',
  type: 'resource_servers',
  description: 'APIs (resource servers) with their scopes.',
  key: 'identifier',
  operations: {
    list: 'GET /resource-servers',
    create: 'POST /resource-servers',
    update: 'PATCH /resource-servers/{id}',
    delete: 'DELETE /resource-servers/{id}',
  },
  members: 'scopes.*.value',
  fields: {
    // The key HS256 tokens are signed with: never shown, never read back to compare.
    secret: ['signing_secret'],
    writeOnly: ['signing_secret'],
    sets: { scopes: ['value'] },
    defaults: {
      signing_alg: 'RS256',
      token_lifetime: 86400,
      token_lifetime_for_web: 7200,
      skip_consent_for_verifiable_first_party_clients: false,
      enforce_policies: false,
      allow_offline_access: false,
      token_dialect: 'access_token',
      scopes: [],
    },
  },
  // tenantform's own objects are no APIs of the user's: never planned, deleted or exported.
  isSystem: (raw) => raw.is_system === true || isTenantformObject(raw),
  // The Management API's scopes are the tenant's; these few settings are the owner's to choose.
  systemEditable: [
    'token_lifetime',
    'proof_of_possession',
    'skip_consent_for_verifiable_first_party_clients',
    'subject_type_authorization',
    'authorization_policy',
  ],
};
