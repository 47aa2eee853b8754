// The tenant's hosted pages kept in its settings: password reset, Guardian MFA, error page.
// They are fields of the tenant settings, owned here and only here (the tenant type leaves
// them out), so their HTML can live in files. The login page is on the global client
// (src/resources/login-page.ts).

import type { ResourceSpec } from './kit/spec.ts';

export const PAGE_FIELDS = ['change_password', 'guardian_mfa_page', 'error_page'];

export const pages: ResourceSpec = {
  kind: 'singleton',
  type: 'pages',
  description: 'Hosted pages in the tenant settings: password reset, Guardian MFA and error page.',
  operations: { read: 'GET /tenants/settings', update: 'PATCH /tenants/settings' },
  fields: {
    only: PAGE_FIELDS,
    // What a new tenant reads back with (recorded).
    defaults: { change_password: { enabled: false }, guardian_mfa_page: { enabled: false } },
    files: {
      'change_password.html': '.html',
      'guardian_mfa_page.html': '.html',
      'error_page.html': '.html',
    },
  },
};
