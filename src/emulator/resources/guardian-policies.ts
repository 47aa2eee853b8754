import type { ResourceModule } from '../engine/context.ts';

const POLICIES = '/guardian/policies';

/**
 * MFA policies (TestAccGuardian*.yaml): a bare JSON list, read and written whole with PUT
 * (`["all-applications"]` in, the same out); a new tenant has none.
 */
export const guardianPolicies: ResourceModule = {
  collection: POLICIES,
  routes: {
    [`get ${POLICIES}`]: (context) => ({
      status: context.operation.successStatus,
      body: context.store.singletons.get(POLICIES) ?? [],
    }),
    [`put ${POLICIES}`]: (context) => {
      const policies = Array.isArray(context.body) ? [...new Set(context.body)] : [];
      context.store.singletons.set(POLICIES, policies);
      context.store.changed();
      return { status: context.operation.successStatus, body: policies };
    },
  },
};
