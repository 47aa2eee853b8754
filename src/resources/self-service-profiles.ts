// Self-service SSO profiles: what a customer's admin sees and may choose when setting up
// their own enterprise connection. Natural key: name. The attributes asked for are either
// listed or taken from a user attribute profile, named by its name. The setup flow's custom
// texts are written per language and page at an endpoint of their own
// (self-service-profile-custom-text.ts).

import type { ResourceSpec } from './kit/spec.ts';
import {
  customTextSchema,
  customTextToConfig,
  exportedCustomText,
  readCustomText,
  withoutCustomText,
  writeCustomText,
} from './self-service-profile-custom-text.ts';

export const selfServiceProfiles: ResourceSpec = {
  kind: 'collection',
  type: 'self_service_profiles',
  description: 'Self-service SSO profiles: branding, allowed strategies and the user attributes asked for.',
  key: 'name',
  operations: {
    list: 'GET /self-service-profiles',
    create: 'POST /self-service-profiles',
    update: 'PATCH /self-service-profiles/{id}',
    delete: 'DELETE /self-service-profiles/{id}',
  },
  refs: [
    { path: 'user_attribute_profile', api: 'user_attribute_profile_id', type: 'user_attribute_profiles' },
  ],
  configFields: { add: { custom_text: customTextSchema } },
  fields: { sets: { allowed_strategies: [], user_attributes: ['name'] } },
  hooks: {
    readMore: readCustomText,
    fromApi: customTextToConfig,
    toApi: withoutCustomText,
    exported: exportedCustomText,
    afterWrite: (ctx, record, desired) => writeCustomText(ctx, record.id, desired),
  },
};
