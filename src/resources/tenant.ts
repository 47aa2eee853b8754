// Tenant settings: one object per tenant that always exists, so "create" is an update and
// it is never deleted. Its hosted-page fields belong to the pages type. The flags config may
// set are those the update takes (the document's TenantSettingsFlags, closed): any other is
// refused by validate, naming file, line and flag.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';
import { PAGE_FIELDS } from './pages.ts';

/** Flags a real tenant reads back that the update schema does not take (recorded traffic). */
const READ_ONLY_FLAGS = [
  'allow_other_legacy_grant_types',
  'cannot_change_enforce_client_authentication_on_passwordless_start',
  'dashboard_new_onboarding',
  'enable_custom_domain_in_emails',
  'enable_legacy_logs_search_v2',
  'new_universal_login_experience_enabled',
  'non_oidc_conformant_updated_at',
  'universal_login',
];

export const tenant: ResourceSpec = {
  kind: 'singleton',
  type: 'tenant',
  description: 'Tenant settings: names, support links, session lifetimes, flags, locales.',
  operations: { read: 'GET /tenants/settings', update: 'PATCH /tenants/settings' },
  // The hosted pages are the pages type's: one owner per field.
  configFields: { remove: PAGE_FIELDS },
  fields: {
    // Sent back in a PATCH, they would be refused.
    serverOnly: READ_ONLY_FLAGS.map((flag) => `flags.${flag}`),
    // Text settings never set read back as "": the same as unset.
    defaults: (config) =>
      Object.fromEntries(Object.entries(config).filter(([, v]) => v === '')) as ConfigObject,
  },
};
