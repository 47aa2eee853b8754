// Phone notification templates: one per notification type (otp_verify, otp_enroll,
// change_password, blocked_account, password_breach). Matched by type, which cannot change.

import type { ResourceSpec } from './kit/spec.ts';

export const phoneTemplates: ResourceSpec = {
  kind: 'collection',
  type: 'phone_templates',
  description: 'Phone notification templates: the text and voice message sent for each notification type.',
  key: 'type',
  operations: {
    list: 'GET /branding/phone/templates',
    create: 'POST /branding/phone/templates',
    update: 'PATCH /branding/phone/templates/{id}',
    delete: 'DELETE /branding/phone/templates/{id}',
  },
  fields: { defaults: { disabled: false } },
  // Messages go out through the phone provider.
  dependsOn: ['phone_providers'],
};
