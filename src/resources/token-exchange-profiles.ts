// Token exchange profiles (Early Access): which subject token type an action validates for
// Custom Token Exchange. Natural key: the subject token type (one profile per type). The
// action and the profile type are set on create only.

import type { ResourceSpec } from './kit/spec.ts';

export const tokenExchangeProfiles: ResourceSpec = {
  kind: 'collection',
  type: 'token_exchange_profiles',
  description:
    'Token exchange profiles: the action that validates each subject token type in Custom Token Exchange.',
  key: 'subject_token_type',
  operations: {
    list: 'GET /token-exchange-profiles',
    create: 'POST /token-exchange-profiles',
    update: 'PATCH /token-exchange-profiles/{id}',
    delete: 'DELETE /token-exchange-profiles/{id}',
  },
  refs: [{ path: 'action', api: 'action_id', type: 'actions' }],
  fields: { immutable: ['action', 'type'] },
  feature: 'token exchange profiles',
};
