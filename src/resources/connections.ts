// Connections (database, social, enterprise). Natural key: name; the strategy cannot
// change in place. Enabled clients are written by client name.

import { type ConfigObject, isPlainObject } from '../core/json.ts';
import type { components } from '../api/schema.ts';
import { patchBody, sortedStrings, withoutDefaults, withoutFields } from './config-shape.ts';
import type { AdapterContext, ResourceAdapter } from './contract.ts';

type Connection = components['schemas']['ConnectionForList'];
type CreateBody = components['schemas']['CreateConnectionRequestContent'];
type UpdateBody = components['schemas']['UpdateConnectionRequestContent'];

const SERVER_FIELDS = ['id', 'provisioning_ticket_url'];

/** Options Auth0 fills in when a connection of these strategies is created (export leaves them out). */
const STRATEGY_OPTION_DEFAULTS: Record<string, ConfigObject> = {
  auth0: {
    mfa: { active: true, return_enroll_settings: true },
    passwordPolicy: 'good',
    brute_force_protection: true,
    strategy_version: 2,
  },
  'google-oauth2': { email: true, profile: true, scope: ['email', 'profile'] },
};

export const connectionsAdapter: ResourceAdapter = {
  type: 'connections',
  section: 'list',
  configSchema: 'CreateConnectionRequestContent',
  configFields: {
    add: {
      enabled_clients: {
        type: 'array',
        items: { type: 'string' },
        description: 'Names of the clients (applications) that may use this connection.',
      },
    },
  },
  secretPaths: [
    'options.client_secret',
    'options.twilio_token',
    'options.password',
    'options.api_key',
    // Custom database settings: the values custom scripts read their credentials from.
    'options.configuration.*',
  ],
  immutableFields: ['strategy'],

  omitDefaults: (config) => {
    const out = withoutDefaults(config, { is_domain_connection: false, enabled_clients: [] });
    // A connection's realm is its own name unless someone chose otherwise.
    if (JSON.stringify(out.realms) === JSON.stringify([config.name])) delete out.realms;
    const defaults = STRATEGY_OPTION_DEFAULTS[String(config.strategy)];
    if (defaults && isPlainObject(out.options)) {
      out.options = withoutDefaults(out.options, defaults);
      if (Object.keys(out.options).length === 0) delete out.options;
    }
    return out;
  },
  keyOf: (config) => String(config.name),
  references: (config) =>
    sortedStrings(config.enabled_clients).map((name, i) => ({
      type: 'clients',
      key: name,
      path: `enabled_clients.${i}`,
    })),
  normaliseDesired: (config) =>
    config.enabled_clients === undefined
      ? config
      : { ...config, enabled_clients: sortedStrings(config.enabled_clients) },

  async list(ctx) {
    const connections = await ctx.api.listCheckpoint<Connection>('/connections', 'connections');
    // Current tenants no longer return enabled_clients in the list; only then is the
    // per-connection sub-resource worth its calls.
    return Promise.all(
      connections.map(async (raw) => {
        const record: Record<string, unknown> = { ...raw };
        if (!Array.isArray(record.enabled_clients))
          record.enabled_clients = await enabledClientIds(ctx, String(raw.id));
        return { id: String(raw.id), raw: record };
      }),
    );
  },

  toConfig(record, refs) {
    const config = withoutFields(record.raw, SERVER_FIELDS);
    config.enabled_clients = sortedStrings(
      sortedStrings(record.raw.enabled_clients).map((id) => refs.keyOf('clients', id) ?? id),
    );
    return config;
  },

  isSystem: () => false,

  async create(ctx, req) {
    const body = { ...req.desired, enabled_clients: clientIds(ctx, req.desired) };
    const created = await ctx.api.unwrap(ctx.api.http.POST('/connections', { body: body as CreateBody }));
    return { id: String(created.id), raw: created as Record<string, unknown> };
  },

  async update(ctx, req) {
    const body = withoutFields(patchBody(req.desired, req.changed, req.live), [
      'name',
      'strategy',
      'enabled_clients',
    ]);
    if (Object.keys(body).length > 0) {
      await ctx.api.unwrap(
        ctx.api.http.PATCH('/connections/{id}', {
          params: { path: { id: req.id! } },
          body: body as UpdateBody,
        }),
      );
    }
    if (req.changed.includes('enabled_clients')) {
      const wanted = new Set(clientIds(ctx, req.desired));
      const current = new Set(clientIds(ctx, req.live ?? {}));
      const changes = [
        ...[...wanted].filter((id) => !current.has(id)).map((client_id) => ({ client_id, status: true })),
        ...[...current].filter((id) => !wanted.has(id)).map((client_id) => ({ client_id, status: false })),
      ];
      if (changes.length > 0) {
        await ctx.api.unwrap(
          ctx.api.http.PATCH('/connections/{id}/clients', {
            params: { path: { id: req.id! } },
            body: changes,
          }),
        );
      }
    }
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(ctx.api.http.DELETE('/connections/{id}', { params: { path: { id: req.id! } } }));
  },

  async findByKey(ctx, key) {
    return (await connectionsAdapter.list(ctx)).find((r) => r.raw.name === key);
  },
};

function clientIds(ctx: AdapterContext, config: ConfigObject): string[] {
  return sortedStrings(config.enabled_clients).map((name) => ctx.refs.idOf('clients', name));
}

async function enabledClientIds(ctx: AdapterContext, connectionId: string): Promise<string[]> {
  const clients = await ctx.api.listCheckpoint<{ client_id: string }>(
    `/connections/${encodeURIComponent(connectionId)}/clients`,
    'clients',
  );
  return clients.map((c) => c.client_id);
}
