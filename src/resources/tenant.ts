// Tenant settings: one object per tenant that always exists, so "create" is an update and
// it is never deleted.

import type { components } from '../api/schema.ts';
import { patchBody, withoutFields } from './config-shape.ts';
import type { ResourceAdapter } from './contract.ts';

type UpdateBody = components['schemas']['UpdateTenantSettingsRequestContent'];

const SINGLETON_ID = 'tenant';

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

  // Read-only parts of the settings response that PATCH refuses.
  toConfig: (record) => withoutFields(record.raw, ['sandbox_versions_available', 'flags_readonly']),
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
