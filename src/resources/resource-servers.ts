// APIs. Natural key: identifier (immutable in the API, so a new identifier is a new API).
// The Auth0 Management API itself is a system object.

import type { ConfigObject, Json } from '../core/json.ts';
import type { components } from '../api/schema.ts';
import { patchBody, sortedByKey, withoutDefaults, withoutFields } from './config-shape.ts';
import type { LiveRecord, ResourceAdapter } from './contract.ts';

type ResourceServer = components['schemas']['ResourceServer'];
type CreateBody = components['schemas']['CreateResourceServerRequestContent'];
type UpdateBody = components['schemas']['UpdateResourceServerRequestContent'];

const SERVER_FIELDS = ['id', 'is_system', 'signing_secret'];

export const resourceServersAdapter: ResourceAdapter = {
  type: 'resource_servers',
  section: 'list',
  configSchema: 'CreateResourceServerRequestContent',
  secretPaths: ['signing_secret'],
  immutableFields: [],

  omitDefaults: (config) =>
    withoutDefaults(config, {
      signing_alg: 'RS256',
      token_lifetime: 86400,
      token_lifetime_for_web: 7200,
      skip_consent_for_verifiable_first_party_clients: true,
      enforce_policies: false,
      allow_offline_access: false,
      token_dialect: 'access_token',
      scopes: [],
    }),
  keyOf: (config) => String(config.identifier),
  references: () => [],
  membersOf: (config) => scopesOf(config).map((s) => String(s.value)),
  normaliseDesired: (config) =>
    config.scopes === undefined ? config : { ...config, scopes: sortedByKey(scopesOf(config), 'value') },

  async list(ctx) {
    const all = await ctx.api.listOffset<ResourceServer>('/resource-servers', 'resource_servers');
    return all.map(recordOf);
  },

  toConfig(record) {
    const config = withoutFields(record.raw, SERVER_FIELDS);
    if (config.scopes !== undefined) config.scopes = sortedByKey(scopesOf(config), 'value');
    return config;
  },

  isSystem: (record) => record.raw.is_system === true,

  async create(ctx, req) {
    const created = await ctx.api.unwrap(
      ctx.api.http.POST('/resource-servers', { body: req.desired as CreateBody }),
    );
    return recordOf(created as ResourceServer);
  },

  async update(ctx, req) {
    const body = withoutFields(patchBody(req.desired, req.changed, req.live), ['identifier']);
    await ctx.api.unwrap(
      ctx.api.http.PATCH('/resource-servers/{id}', {
        params: { path: { id: req.id! } },
        body: body as UpdateBody,
      }),
    );
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(
      ctx.api.http.DELETE('/resource-servers/{id}', { params: { path: { id: req.id! } } }),
    );
  },

  async findByKey(ctx, key) {
    return (await resourceServersAdapter.list(ctx)).find((r) => r.raw.identifier === key);
  },
};

function scopesOf(config: ConfigObject): { [k: string]: Json }[] {
  return Array.isArray(config.scopes) ? (config.scopes as { [k: string]: Json }[]) : [];
}

function recordOf(rs: ResourceServer): LiveRecord {
  return { id: String(rs.id), raw: rs as Record<string, unknown> };
}
