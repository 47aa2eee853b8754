// Applications. Natural key: name. The global client ("All Applications") and the client
// tenantform itself runs as are system objects.

import type { components } from '../api/schema.ts';
import { patchBody, withoutDefaults, withoutFields } from './config-shape.ts';
import type { LiveRecord, ResourceAdapter } from './contract.ts';

type Client = components['schemas']['GetClientResponseContent'];
type CreateBody = components['schemas']['CreateClientRequestContent'];
type UpdateBody = components['schemas']['UpdateClientRequestContent'];

/** Filled by the server, or identifying the object: never part of config. */
const SERVER_FIELDS = [
  'client_id',
  'tenant',
  'global',
  'signing_keys',
  'created_at',
  'updated_at',
  'callback_url_template',
  'owners',
  'config_route',
  'external_client_id',
  'external_metadata_type',
  'external_metadata_created_by',
];

export const clientsAdapter: ResourceAdapter = {
  type: 'clients',
  section: 'list',
  configSchema: 'CreateClientRequestContent',
  secretPaths: ['client_secret'],
  immutableFields: [],

  omitDefaults: (config) =>
    withoutDefaults(config, {
      is_first_party: true,
      is_token_endpoint_ip_header_trusted: false,
      oidc_conformant: true,
      sso_disabled: false,
      cross_origin_authentication: false,
      custom_login_page_on: true,
      callbacks: [],
      allowed_origins: [],
      web_origins: [],
      allowed_logout_urls: [],
      client_aliases: [],
      allowed_clients: [],
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false },
      refresh_token: {
        rotation_type: 'non-rotating',
        expiration_type: 'non-expiring',
        leeway: 0,
        token_lifetime: 2592000,
        infinite_token_lifetime: true,
        infinite_idle_token_lifetime: true,
        idle_token_lifetime: 1296000,
      },
    }),
  keyOf: (config) => String(config.name),
  references: () => [],
  normaliseDesired: (config) => config,

  async list(ctx) {
    const clients = await ctx.api.listOffset<Client>('/clients', 'clients');
    return clients.map((raw) => ({ id: String(raw.client_id), raw: raw as Record<string, unknown> }));
  },

  // The secret is returned only with read:client_keys; it is write-only either way.
  toConfig: (record) => withoutFields(record.raw, [...SERVER_FIELDS, 'client_secret']),

  isSystem: (record, ctx) => record.raw.global === true || record.id === ctx.deployerClientId,

  async create(ctx, req) {
    const created = await ctx.api.unwrap(ctx.api.http.POST('/clients', { body: req.desired as CreateBody }));
    return recordOf(created);
  },

  async update(ctx, req) {
    const body = patchBody(req.desired, req.changed, req.live);
    await ctx.api.unwrap(
      ctx.api.http.PATCH('/clients/{id}', { params: { path: { id: req.id! } }, body: body as UpdateBody }),
    );
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(ctx.api.http.DELETE('/clients/{id}', { params: { path: { id: req.id! } } }));
  },

  async findByKey(ctx, key) {
    const all = await clientsAdapter.list(ctx);
    return all.find((r) => r.raw.name === key);
  },
};

function recordOf(client: Client): LiveRecord {
  return { id: String(client.client_id), raw: client as Record<string, unknown> };
}
