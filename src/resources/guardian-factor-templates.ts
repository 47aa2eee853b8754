// The text of MFA enrollment and verification messages, for the SMS factor and for the phone
// factor (SMS or voice). Singletons the tenant always has, written whole with PUT.

import type { ResourceSpec } from './kit/spec.ts';

export const guardianSmsTemplates: ResourceSpec = {
  kind: 'singleton',
  type: 'guardian_sms_templates',
  description: 'MFA text messages of the SMS factor: enrollment and verification.',
  operations: {
    read: 'GET /guardian/factors/sms/templates',
    update: 'PUT /guardian/factors/sms/templates',
  },
};

export const guardianPhoneTemplates: ResourceSpec = {
  kind: 'singleton',
  type: 'guardian_phone_templates',
  description: 'MFA messages of the phone factor (SMS and voice): enrollment and verification.',
  operations: {
    read: 'GET /guardian/factors/phone/templates',
    update: 'PUT /guardian/factors/phone/templates',
  },
};
