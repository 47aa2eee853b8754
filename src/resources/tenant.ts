// Tenant settings: one object per tenant that always exists, so "create" is an update and
// it is never deleted.

import type { components } from '../api/schema.ts';
import { patchBody, withoutFields } from './config-shape.ts';
import type { ResourceAdapter } from './contract.ts';

type UpdateBody = components['schemas']['UpdateTenantSettingsRequestContent'];

const SINGLETON_ID = 'tenant';
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

export const tenantAdapter: ResourceAdapter = {
  type: 'tenant',
  section: 'singleton',
  configSchema: 'UpdateTenantSettingsRequestContent',
  secretPaths: [],
  immutableFields: [],

  // Text settings never set read back as "" (picture_url, support_url): the same as unset.
  omitDefaults: (config) => Object.fromEntries(Object.entries(config).filter(([, v]) => v !== '')),
  keyOf: () => 'default',
  references: () => [],
  normaliseDesired: (config) => config,

  async list(ctx) {
    const settings = await ctx.api.unwrap(ctx.api.http.GET('/tenants/settings'));
    return [{ id: SINGLETON_ID, raw: settings as Record<string, unknown> }];
  },

  // Read-only parts of the settings response that PATCH refuses, read-only flags included.
  toConfig: (record) => {
    const config = withoutFields(record.raw, ['sandbox_versions_available', 'flags_readonly']);
    const flags = config.flags as Record<string, unknown> | undefined;
    return flags ? { ...config, flags: withoutFields(flags, READ_ONLY_FLAGS) } : config;
  },
  isSystem: () => false,

  async create(ctx, req) {
    await tenantAdapter.update(ctx, { ...req, changed: Object.keys(req.desired) });
    return { id: SINGLETON_ID, raw: req.desired };
  },

  async update(ctx, req) {
    const body = patchBody(req.desired, req.changed, req.live);
    await ctx.api.unwrap(ctx.api.http.PATCH('/tenants/settings', { body: body as UpdateBody }));
  },

  async delete() {
    throw new Error('tenant settings cannot be deleted');
  },

  async findByKey(ctx) {
    return (await tenantAdapter.list(ctx))[0];
  },
};
