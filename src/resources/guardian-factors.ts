// MFA factors: a fixed family of eight (sms, otp, push-notification, …), each only switched on
// or off. The API lists them all in one read and writes each by name with PUT {enabled}
// (recorded); a disabled factor config does not name counts as absent, and "deleting" one
// disables it. Config: `guardian_factors: { otp: true, sms: false }`.

import type { ResourceSpec } from './kit/spec.ts';

export const guardianFactors: ResourceSpec = {
  kind: 'keyed',
  type: 'guardian_factors',
  description: 'MFA factors (sms, otp, push-notification, email, …): factor name → enabled.',
  section: 'map',
  mapValueField: 'enabled',
  keyParts: [{ param: 'name', read: 'all' }],
  operations: { list: 'GET /guardian/factors', write: 'PUT /guardian/factors/{name}' },
  reset: { enabled: false },
  isReset: (config) => config.enabled !== true,
};
