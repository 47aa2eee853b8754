import type { ResourceModule } from '../engine/context.ts';

const SETTINGS = '/risk-assessments/settings';

/**
 * Risk assessment settings: a singleton that a new tenant has switched off (TestAccRiskAssessment
 * only shows PATCH {enabled} answering {enabled}; off is what auth0-deploy-cli assumes when the
 * tenant has none). The new-device assessor is left to the generic singleton.
 */
export const riskAssessments: ResourceModule = {
  collection: SETTINGS,
  routes: {
    [`get ${SETTINGS}`]: (context) => ({
      status: context.operation.successStatus,
      body: context.store.singletons.get(SETTINGS) ?? { enabled: false },
    }),
  },
};
