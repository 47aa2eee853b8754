// Rate limit policies (Early Access): a limit on one consumer of one API. The resource, the
// consumer and its selector identify a policy (the API has one per combination) and cannot
// change in place; an update sends the configuration only (recorded).

import type { ResourceSpec } from './kit/spec.ts';

export const rateLimitPolicies: ResourceSpec = {
  kind: 'collection',
  type: 'rate_limit_policies',
  description: 'Rate limit policies: limits per resource and consumer (Early Access).',
  key: ['resource', 'consumer', 'consumer_selector'],
  operations: {
    list: 'GET /rate-limit-policies',
    create: 'POST /rate-limit-policies',
    update: 'PATCH /rate-limit-policies/{id}',
    delete: 'DELETE /rate-limit-policies/{id}',
  },
  feature: 'rate limit policies',
};
