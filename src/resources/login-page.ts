// The custom login page. It lives on the global client ("All Applications"), a system object
// the clients type never changes: this type manages only its two login-page fields, and the
// plan says so. Read by listing the global client (there is exactly one).

import type { ResourceSpec } from './kit/spec.ts';

const LOGIN_PAGE_FIELDS = ['custom_login_page', 'custom_login_page_on'];

export const loginPage: ResourceSpec = {
  kind: 'singleton',
  type: 'login_page',
  description:
    'The custom login page (Classic Login): its HTML and whether it is used, on the global client.',
  operations: { read: 'GET /clients', update: 'PATCH /clients/{id}' },
  listQuery: { is_global: true },
  listed: (raw) => raw.global === true,
  idField: 'client_id',
  isSystem: () => true,
  systemEditable: LOGIN_PAGE_FIELDS,
  fields: {
    only: LOGIN_PAGE_FIELDS,
    files: { custom_login_page: '.html' },
    // What every client reads back with unless set (the clients type's default too).
    defaults: { custom_login_page_on: true },
  },
};
