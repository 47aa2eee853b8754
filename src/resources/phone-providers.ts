// Phone providers: the one provider (Twilio, or custom through an action) the tenant sends
// SMS and voice messages with. The API lists them, though a tenant has at most one; matched
// by name. Credentials are write-only: reads leave them out entirely.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const phoneProviders: ResourceSpec = {
  kind: 'collection',
  type: 'phone_providers',
  description: 'The phone (SMS and voice) provider: Twilio, or custom (delivered by an action).',
  key: 'name',
  operations: {
    list: 'GET /branding/phone/providers',
    create: 'POST /branding/phone/providers',
    update: 'PATCH /branding/phone/providers/{id}',
    delete: 'DELETE /branding/phone/providers/{id}',
  },
  fields: {
    writeOnly: ['credentials.auth_token'],
    defaults: { disabled: false },
  },
  hooks: {
    // Never read back, yet required: export writes a placeholder for Twilio's token, and
    // the empty credentials a custom provider takes.
    exported: (config) => ({
      ...config,
      credentials: (config.name === 'twilio' ? { auth_token: '' } : {}) as ConfigObject,
    }),
  },
};
