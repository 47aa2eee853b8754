// User attribute profiles (Early Access): which user attributes self-service SSO and
// express configuration map, and how (OIDC, SAML, SCIM). Natural key: name.

import type { ResourceSpec } from './kit/spec.ts';

export const userAttributeProfiles: ResourceSpec = {
  kind: 'collection',
  type: 'user_attribute_profiles',
  description: 'User attribute profiles: the user attributes an SSO integration maps, and their mappings.',
  key: 'name',
  operations: {
    list: 'GET /user-attribute-profiles',
    create: 'POST /user-attribute-profiles',
    update: 'PATCH /user-attribute-profiles/{id}',
    delete: 'DELETE /user-attribute-profiles/{id}',
  },
  feature: 'user attribute profiles',
};
