// The email provider: one per tenant, absent (404) until created, then changed by PATCH.
// Its credentials are write-only: the API reads back only the region, domain and SMTP
// host, port and user, never a key, secret, password or connection string.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

/** The credentials each provider takes that the API never reads back. */
const WRITE_ONLY_CREDENTIALS: Readonly<Record<string, readonly string[]>> = {
  mailgun: ['api_key'],
  mandrill: ['api_key'],
  sendgrid: ['api_key'],
  resend: ['api_key'],
  sparkpost: ['api_key'],
  ses: ['accessKeyId', 'secretAccessKey'],
  smtp: ['smtp_pass'],
  azure_cs: ['connectionString'],
  ms365: ['tenantId', 'clientId', 'clientSecret'],
  custom: [],
};

export const emailProvider: ResourceSpec = {
  kind: 'singleton',
  type: 'email_provider',
  description:
    'The email provider the tenant sends mail through (SendGrid, SES, SMTP, Mailgun, Azure CS, MS365, custom, …).',
  operations: {
    read: 'GET /emails/provider',
    update: 'PATCH /emails/provider',
    create: 'POST /emails/provider',
  },
  fields: {
    writeOnly: [...new Set(Object.values(WRITE_ONLY_CREDENTIALS).flat())].map((f) => `credentials.${f}`),
    defaults: { enabled: true },
    // The object's name says secret, but its region, domain and SMTP host, port and user are
    // not: left visible so a plan shows their changes (its secrets are declared above).
    notSecret: ['credentials'],
  },
  hooks: {
    // The tenant never returns them, but config without them would not be valid: export
    // writes a placeholder for each one the provider takes.
    exported: (config) => {
      const needed = WRITE_ONLY_CREDENTIALS[String(config.name)] ?? [];
      const credentials = { ...((config.credentials as ConfigObject | undefined) ?? {}) };
      for (const field of needed) credentials[field] = '';
      return { ...config, credentials };
    },
  },
};
