// How the phone factor reaches users: text messages, voice calls, or both. A singleton
// written with PUT; the list is a set.

import type { ResourceSpec } from './kit/spec.ts';

export const guardianPhoneMessageTypes: ResourceSpec = {
  kind: 'singleton',
  type: 'guardian_phone_message_types',
  description: 'How MFA phone messages are delivered: sms, voice, or both.',
  operations: {
    read: 'GET /guardian/factors/phone/message-types',
    update: 'PUT /guardian/factors/phone/message-types',
  },
  fields: { sets: { message_types: [] } },
};
