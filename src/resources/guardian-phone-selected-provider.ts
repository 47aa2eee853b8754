// Which provider sends the phone factor's messages: Auth0's own, Twilio, or a phone provider
// of the tenant's branding settings. A singleton written with PUT.

import type { ResourceSpec } from './kit/spec.ts';

export const guardianPhoneSelectedProvider: ResourceSpec = {
  kind: 'singleton',
  type: 'guardian_phone_selected_provider',
  description: 'The provider that sends MFA phone messages (auth0, twilio, phone-message-hook).',
  operations: {
    read: 'GET /guardian/factors/phone/selected-provider',
    update: 'PUT /guardian/factors/phone/selected-provider',
  },
};
