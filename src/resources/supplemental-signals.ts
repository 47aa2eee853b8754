// Supplemental signals (Early Access): whether Auth0 uses the signals a CDN in front of the
// tenant (Akamai) adds to requests. A singleton (GET and PATCH, never deleted).

import type { ResourceSpec } from './kit/spec.ts';

export const supplementalSignals: ResourceSpec = {
  kind: 'singleton',
  type: 'supplemental_signals',
  description: 'Supplemental signals from a CDN in front of the tenant (Akamai).',
  operations: { read: 'GET /supplemental-signals', update: 'PATCH /supplemental-signals' },
  feature: 'supplemental signals',
};
