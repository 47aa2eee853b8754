// The providers MFA factors send through: Twilio for SMS and voice messages, Amazon SNS and
// Apple Push Notification service for push. Each is a singleton the tenant always has,
// written whole with PUT. Their keys and tokens are write-only: the API never reads them back
// (recorded), so they are never compared, only written with the rest.
// Firebase (FCM) is not here: the API has no read for it at all.

import type { ResourceSpec } from './kit/spec.ts';

/** A provider's settings at one path, with the field holding its write-only credential. */
const provider = (type: string, description: string, path: string, secret: string): ResourceSpec => ({
  kind: 'singleton',
  type,
  description,
  operations: { read: `GET ${path}`, update: `PUT ${path}` },
  fields: { writeOnly: [secret] },
});

export const guardianSmsTwilio = provider(
  'guardian_sms_twilio',
  'Twilio account MFA text messages are sent through (SMS factor).',
  '/guardian/factors/sms/providers/twilio',
  'auth_token',
);

export const guardianPhoneTwilio = provider(
  'guardian_phone_twilio',
  'Twilio account MFA text and voice messages are sent through (phone factor).',
  '/guardian/factors/phone/providers/twilio',
  'auth_token',
);

export const guardianPushSns = provider(
  'guardian_push_sns',
  'Amazon SNS account MFA push notifications are sent through.',
  '/guardian/factors/push-notification/providers/sns',
  'aws_secret_access_key',
);

export const guardianPushApns = provider(
  'guardian_push_apns',
  'Apple Push Notification service settings for MFA push: bundle, sandbox, certificate.',
  '/guardian/factors/push-notification/providers/apns',
  'p12',
);
