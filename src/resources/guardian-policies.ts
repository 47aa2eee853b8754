// When MFA is required: the tenant's MFA policies, a list the API reads and writes bare
// (`["all-applications"]`, recorded); config holds it as `policies`. An empty list means MFA
// is never forced.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const guardianPolicies: ResourceSpec = {
  kind: 'singleton',
  type: 'guardian_policies',
  description: 'MFA policies: when MFA is required (all-applications, confidence-score).',
  operations: { read: 'GET /guardian/policies', update: 'PUT /guardian/policies' },
  configSchema: false,
  configFields: {
    add: {
      policies: {
        $ref: '#/components/schemas/SetGuardianPoliciesRequestContent',
        description: 'The MFA policies; [] to never require MFA.',
      },
    },
    required: ['policies'],
  },
  fields: { sets: { policies: [] } },
  hooks: {
    fromApi: (raw) => ({ policies: Array.isArray(raw) ? (raw as ConfigObject[]) : [] }),
    toApi: (body) => (body.policies ?? []) as unknown as ConfigObject,
  },
};
