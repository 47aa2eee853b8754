// Client grants: a client's access to an API. Natural key: client name + audience; the
// API allows one grant per pair and neither can change, so both make the key.

import type { ConfigObject } from '../core/json.ts';
import type { components } from '../api/schema.ts';
import { patchBody, sortedStrings, withoutDefaults, withoutFields } from './config-shape.ts';
import type { LiveRecord, ResourceAdapter } from './contract.ts';

type ClientGrant = components['schemas']['ClientGrantResponseContent'];
type CreateBody = components['schemas']['CreateClientGrantRequestContent'];
type UpdateBody = components['schemas']['UpdateClientGrantRequestContent'];

const SERVER_FIELDS = ['id', 'client_id', 'is_system'];

export const clientGrantsAdapter: ResourceAdapter = {
  type: 'client_grants',
  section: 'list',
  configSchema: 'CreateClientGrantRequestContent',
  configFields: {
    add: { client: { type: 'string', description: 'Name of the client (application) granted access.' } },
    remove: ['client_id'],
    required: ['client', 'audience'],
  },
  secretPaths: [],
  immutableFields: ['client', 'audience'],

  omitDefaults: (config) => withoutDefaults(config, { subject_type: 'client' }),
  keyOf: (config) => `${config.client} → ${config.audience}`,
  references: (config) => [
    { type: 'clients', key: String(config.client), path: 'client' },
    { type: 'resource_servers', key: String(config.audience), path: 'audience' },
    ...sortedStrings(config.scope).map((scope, i) => ({
      type: 'resource_servers',
      key: String(config.audience),
      path: `scope.${i}`,
      member: scope,
    })),
  ],
  normaliseDesired: (config) =>
    config.scope === undefined ? config : { ...config, scope: sortedStrings(config.scope) },

  async list(ctx) {
    const grants = await ctx.api.listCheckpoint<ClientGrant>('/client-grants', 'client_grants');
    return grants.map(recordOf);
  },

  toConfig(record, refs) {
    const clientId = String(record.raw.client_id);
    const config: ConfigObject = {
      client: refs.keyOf('clients', clientId) ?? clientId,
      ...withoutFields(record.raw, SERVER_FIELDS),
    };
    config.scope = sortedStrings(config.scope);
    return config;
  },

  isSystem: (record, ctx) => record.raw.is_system === true || record.raw.client_id === ctx.deployerClientId,

  async create(ctx, req) {
    const body = {
      ...withoutFields(req.desired, ['client']),
      client_id: ctx.refs.idOf('clients', String(req.desired.client)),
    };
    const created = await ctx.api.unwrap(ctx.api.http.POST('/client-grants', { body: body as CreateBody }));
    return recordOf(created as ClientGrant);
  },

  async update(ctx, req) {
    const body = withoutFields(patchBody(req.desired, req.changed, req.live), ['client', 'audience']);
    await ctx.api.unwrap(
      ctx.api.http.PATCH('/client-grants/{id}', {
        params: { path: { id: req.id! } },
        body: body as UpdateBody,
      }),
    );
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(ctx.api.http.DELETE('/client-grants/{id}', { params: { path: { id: req.id! } } }));
  },

  async findByKey(ctx, key) {
    const grants = await clientGrantsAdapter.list(ctx);
    return grants.find((g) => clientGrantsAdapter.keyOf(clientGrantsAdapter.toConfig(g, ctx.refs)) === key);
  },
};

function recordOf(grant: ClientGrant): LiveRecord {
  return { id: String(grant.id), raw: grant as Record<string, unknown> };
}
