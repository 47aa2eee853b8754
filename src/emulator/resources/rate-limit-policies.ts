import type { ResourceModule } from '../engine/context.ts';
import { conflict } from '../http/api-error.ts';

/**
 * Rate limit policies (Early Access), as TestAccRateLimitPolicy*.yaml shows them: ids are `rlp_`
 * and 21 alphanumerics, the server stamps created_at / updated_at, and PATCH changes only the
 * configuration (the document allows nothing else), replacing it whole.
 */
export const rateLimitPolicies: ResourceModule = {
  collection: '/rate-limit-policies',
  newId: ({ ids }) => `rlp_${ids.alphanumeric(21)}`,
  create: ({ store, now }, body, id) => {
    // One policy per consumer of a resource (the conflict's wording is unconfirmed).
    for (const policy of store.collection('/rate-limit-policies').values()) {
      if (
        policy.resource === body.resource &&
        policy.consumer === body.consumer &&
        policy.consumer_selector === body.consumer_selector
      )
        throw conflict('A rate limit policy for this consumer selector already exists', 'conflict');
    }
    const stamp = now().toISOString();
    return { id, ...body, created_at: stamp, updated_at: stamp };
  },
  update: ({ now }, existing, body) => ({
    ...existing,
    configuration: body.configuration,
    updated_at: now().toISOString(),
  }),
  notFound: { message: 'Rate limit policy not found', errorCode: 'inexistent_rate_limit_policy' },
};
