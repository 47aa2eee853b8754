// The Universal Login page template: one HTML document per tenant, absent until written,
// written whole (PUT). The API takes it as `template` and reads it back as `body`; config
// calls it `template` and keeps it in a file of its own.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const universalLoginTemplate: ResourceSpec = {
  kind: 'singleton',
  type: 'universal_login_template',
  description: 'The Universal Login page template (HTML with the auth0:head and auth0:widget tags).',
  operations: {
    read: 'GET /branding/templates/universal-login',
    create: 'PUT /branding/templates/universal-login',
    update: 'PUT /branding/templates/universal-login',
  },
  // The request is a string or `{ template }`; config is always the latter.
  configSchema: false,
  configFields: {
    add: {
      template: {
        type: 'string',
        maxLength: 102400,
        description: 'The page template (HTML); usually `!file` of an .html file.',
      },
    },
    required: ['template'],
  },
  fields: { files: { template: '.html' } },
  // The real API refuses the template without a custom domain: it is written after them.
  dependsOn: ['custom_domains'],
  hooks: { fromApi: (raw) => ({ template: raw.body }) as ConfigObject },
};
