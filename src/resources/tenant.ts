// Tenant settings: one object per tenant that always exists, so "create" is an update and
// it is never deleted.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const tenant: ResourceSpec = {
  kind: 'singleton',
  type: 'tenant',
  description: 'Tenant settings: names, support links, session lifetimes, flags, locales.',
  operations: { read: 'GET /tenants/settings', update: 'PATCH /tenants/settings' },
  fields: {
    // Text settings never set read back as "": the same as unset.
    defaults: (config) =>
      Object.fromEntries(Object.entries(config).filter(([, v]) => v === '')) as ConfigObject,
  },
};
