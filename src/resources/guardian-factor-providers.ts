// The providers MFA factors send through: Twilio for SMS and voice messages, Amazon SNS and
// Apple Push Notification service for push. Each is a singleton the tenant always has,
// written whole with PUT. Their keys and tokens are write-only: the API never reads them back
// (recorded), so they are compared through the digests apply records of them
// (docs/safety.md, "Write-only secrets"), and written with the rest.
// Firebase (FCM, FCM v1) has no read at all (the PUT answers `{}`): its one field, the key or
// the credentials, is write-only, so it is managed through its digest alone.

import type { ResourceSpec } from './kit/spec.ts';

/**
 * A provider's settings at one path, with the field holding its write-only credential.
 * `readable: false` for one the API never reads back, not even in the write's reply (Firebase):
 * the tenant side is then empty, and that field, write-only, is all there is to manage.
 */
const provider = (
  type: string,
  description: string,
  path: string,
  secret: string,
  readable = true,
): ResourceSpec => ({
  kind: 'singleton',
  type,
  description,
  operations: readable ? { read: `GET ${path}`, update: `PUT ${path}` } : { update: `PUT ${path}` },
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

export const guardianPushFcm = provider(
  'guardian_push_fcm',
  'Firebase Cloud Messaging (legacy server key) MFA push notifications are sent through to Android devices.',
  '/guardian/factors/push-notification/providers/fcm',
  'server_key',
  false,
);

export const guardianPushFcmv1 = provider(
  'guardian_push_fcmv1',
  'Firebase Cloud Messaging (HTTP v1 API, service account credentials) MFA push notifications are sent through.',
  '/guardian/factors/push-notification/providers/fcmv1',
  'server_credentials',
  false,
);
