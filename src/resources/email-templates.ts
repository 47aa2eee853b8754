// Email templates: one per fixed name (verify_email, welcome_email, …). A template does not
// exist until first written (the write is then a create), and cannot be deleted: it is
// disabled instead, and a disabled template config does not name counts as absent.

import type { ResourceSpec } from './kit/spec.ts';

export const emailTemplates: ResourceSpec = {
  kind: 'keyed',
  type: 'email_templates',
  description: 'Email templates (verification, welcome, password reset, …): body, subject, sender.',
  keyParts: [{ param: 'templateName', field: 'template', read: 'all' }],
  operations: {
    read: 'GET /email-templates/{templateName}',
    write: 'PATCH /email-templates/{templateName}',
    create: 'POST /email-templates',
  },
  reset: { enabled: false },
  isReset: (config) => config.enabled === false,
  fields: { files: { body: '.html' } },
  // A template sends through the provider: enabling one before the provider exists fails.
  dependsOn: ['email_provider'],
};
