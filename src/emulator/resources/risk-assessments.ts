import type { ResourceModule } from '../engine/context.ts';

const SETTINGS = '/risk-assessments/settings';
const NEW_DEVICE = `${SETTINGS}/new-device`;

/**
 * Risk assessment settings: a singleton that a new tenant has switched off (TestAccRiskAssessment
 * only shows PATCH {enabled} answering {enabled}; off is what auth0-deploy-cli assumes when the
 * tenant has none).
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

/**
 * The new-device assessor: remembers a device for `remember_for` days (1 to 365). No recording
 * shows a new tenant; 30 days is an assumption.
 */
export const riskAssessmentsNewDevice: ResourceModule = {
  collection: NEW_DEVICE,
  defaults: () => ({ remember_for: 30 }),
};
