// Risk assessment: whether Auth0 scores each login's risk, and how long a device counts as
// known to the new-device assessor. Singletons (GET and PATCH, never deleted).

import type { ResourceSpec } from './kit/spec.ts';

export const riskAssessment: ResourceSpec = {
  kind: 'singleton',
  type: 'risk_assessment',
  description: 'Risk assessment of logins: on or off.',
  operations: { read: 'GET /risk-assessments/settings', update: 'PATCH /risk-assessments/settings' },
  feature: 'risk assessment',
};

export const riskAssessmentNewDevice: ResourceSpec = {
  kind: 'singleton',
  type: 'risk_assessment_new_device',
  description: 'The new-device risk assessor: days a device is remembered.',
  operations: {
    read: 'GET /risk-assessments/settings/new-device',
    update: 'PATCH /risk-assessments/settings/new-device',
  },
  feature: 'risk assessment',
};
