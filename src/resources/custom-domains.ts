// Custom domains. Natural key: the domain; its certificate type cannot change in place.
// `is_default: true` makes it the tenant's default domain (the one emails and links use),
// written through PATCH /custom-domains/default once the domain exists; the API accepts it
// only for a verified domain. There is no way to unset the default, only to move it, so
// `false` (or leaving it out) means "not managed here".

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const customDomains: ResourceSpec = {
  kind: 'collection',
  type: 'custom_domains',
  description: 'Custom domains the tenant serves login on, and which of them is the default domain.',
  key: 'domain',
  idField: 'custom_domain_id',
  operations: {
    list: 'GET /custom-domains',
    create: 'POST /custom-domains',
    update: 'PATCH /custom-domains/{id}',
    delete: 'DELETE /custom-domains/{id}',
  },
  configFields: {
    add: {
      is_default: {
        type: 'boolean',
        description:
          'Make this (verified) domain the tenant default. The default can only be moved to another domain, not unset.',
      },
    },
  },
  fields: { immutable: ['type'] },
  hooks: {
    canonical: ({ is_default, ...config }) =>
      (is_default === true ? { ...config, is_default } : config) as ConfigObject,
    toApi: ({ is_default: _, ...body }) => body as ConfigObject,
    async afterWrite(ctx, record, desired) {
      if (desired.is_default !== true || record.raw.is_default === true) return;
      await ctx.api.unwrap(
        ctx.api.http.PATCH('/custom-domains/default', { body: { domain: String(desired.domain) } }),
      );
    },
  },
};
