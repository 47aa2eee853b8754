// The email provider: one per tenant, absent (404) until created, then changed by PATCH.
// Its credentials are write-only: the API reads back only the region, domain and SMTP
// host, port and user, never a key, secret, password or connection string.

import type { ResourceSpec } from './kit/spec.ts';

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
    writeOnly: [
      'credentials.api_key',
      'credentials.accessKeyId',
      'credentials.secretAccessKey',
      'credentials.smtp_pass',
      'credentials.connectionString',
      'credentials.tenantId',
      'credentials.clientId',
      'credentials.clientSecret',
    ],
    defaults: { enabled: true },
  },
};
