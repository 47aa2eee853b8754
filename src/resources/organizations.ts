// Organizations with their enabled connections. Natural key: name (the API's unique
// organization name). Enabled connections are written by connection name, live in a
// sub-resource of their own, and are added, changed and removed one by one.

import { type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import { ApiError } from '../api/api-error.ts';
import type { components } from '../api/schema.ts';
import { patchBody, sortedByKey, withoutDefaults, withoutFields } from './config-shape.ts';
import type { AdapterContext, LiveRecord, ResourceAdapter } from './contract.ts';

type Organization = components['schemas']['Organization'];
type EnabledConnection = components['schemas']['OrganizationEnabledConnection'];
type CreateBody = components['schemas']['CreateOrganizationRequestContent'];
type UpdateBody = components['schemas']['UpdateOrganizationRequestContent'];
type UpdateConnectionBody = components['schemas']['UpdateOrganizationConnectionRequestContent'];

/** An enabled connection in config shape: the connection by name, and its settings. */
interface EnabledRef {
  connection: string;
  assign_membership_on_login: boolean;
  show_as_button: boolean;
  is_signup_enabled: boolean;
}

type Setting = Exclude<keyof EnabledRef, 'connection'>;

/** What the API assumes for an enabled connection's setting the request leaves out. */
const SETTING_DEFAULTS: Record<Setting, boolean> = {
  assign_membership_on_login: false,
  show_as_button: true,
  is_signup_enabled: false,
};
const SETTINGS = Object.keys(SETTING_DEFAULTS) as Setting[];

const SERVER_FIELDS = ['id', 'enabled_connections'];

export const organizationsAdapter: ResourceAdapter = {
  type: 'organizations',
  section: 'list',
  configSchema: 'CreateOrganizationRequestContent',
  configFields: {
    add: {
      enabled_connections: {
        type: 'array',
        description: 'Connections members of this organization may log in with, by connection name.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['connection'],
          properties: {
            connection: { type: 'string', minLength: 1, description: 'Name of the connection.' },
            assign_membership_on_login: {
              type: 'boolean',
              description:
                'When true, every user who logs in with this connection becomes a member of the organization. Default: false.',
            },
            show_as_button: {
              type: 'boolean',
              description:
                "Whether the connection is shown on the organization's login prompt (enterprise connections). Default: true.",
            },
            is_signup_enabled: {
              type: 'boolean',
              description:
                'Whether users may sign up to the organization (database connections). Default: false.',
            },
          },
        },
      },
    },
  },
  secretPaths: [],
  immutableFields: [],

  omitDefaults: (config) => {
    const out = withoutDefaults(config, {
      third_party_client_access: 'block',
      branding: {},
      metadata: {},
      enabled_connections: [],
    });
    if (Array.isArray(out.enabled_connections)) {
      out.enabled_connections = out.enabled_connections.map((item) =>
        isPlainObject(item) ? withoutDefaults(item, SETTING_DEFAULTS) : item,
      );
    }
    return out;
  },
  keyOf: (config) => String(config.name),
  // In the order written, so that an error points at the right line.
  references: (config) =>
    enabledOf(config).map((e, i) => ({
      type: 'connections',
      key: e.connection,
      path: `enabled_connections.${i}.connection`,
    })),
  normaliseDesired: (config) =>
    config.enabled_connections === undefined
      ? config
      : { ...config, enabled_connections: canonical(enabledOf(config)) },

  async list(ctx) {
    const organizations = await ctx.api.listCheckpoint<Organization>('/organizations', 'organizations');
    // The API has no way to list enabled connections for many organizations at once.
    return Promise.all(organizations.map((org) => withEnabledConnections(ctx, org)));
  },

  toConfig(record, refs) {
    const config = withoutFields(record.raw, SERVER_FIELDS);
    const live = (record.raw.enabled_connections as EnabledConnection[] | undefined) ?? [];
    config.enabled_connections = canonical(
      live.map((e) => {
        const id = String(e.connection_id);
        const connection = refs.keyOf('connections', id) ?? e.connection?.name ?? id;
        return settingsOf({ ...e, connection } as unknown as ConfigObject);
      }),
    );
    return config;
  },

  isSystem: () => false,

  async create(ctx, req) {
    const body = withoutFields(req.desired, ['enabled_connections']) as CreateBody;
    const created = await ctx.api.unwrap(ctx.api.http.POST('/organizations', { body }));
    const id = String(created.id);
    for (const e of enabledOf(req.desired)) await addConnection(ctx, id, e);
    return { id, raw: created as Record<string, unknown> };
  },

  async update(ctx, req) {
    const id = req.id!;
    const body = withoutFields(patchBody(req.desired, req.changed, req.live), [
      'name',
      'enabled_connections',
    ]);
    if (Object.keys(body).length > 0) {
      await ctx.api.unwrap(
        ctx.api.http.PATCH('/organizations/{id}', { params: { path: { id } }, body: body as UpdateBody }),
      );
    }
    if (!req.changed.includes('enabled_connections') || req.desired.enabled_connections === undefined) return;
    const wanted = new Map(enabledOf(req.desired).map((e) => [e.connection, e]));
    const current = new Map(enabledOf(req.live ?? {}).map((e) => [e.connection, e]));
    for (const [name, e] of current) {
      if (!wanted.has(name)) {
        const path = { id, connectionId: connectionIdOf(ctx, name) };
        await ctx.api.unwrap(
          ctx.api.http.DELETE('/organizations/{id}/enabled_connections/{connectionId}', { params: { path } }),
        );
      } else {
        const want = wanted.get(name)!;
        const changed = SETTINGS.filter((s) => want[s] !== e[s]);
        if (changed.length === 0) continue;
        const patch: UpdateConnectionBody = Object.fromEntries(changed.map((s) => [s, want[s]]));
        const path = { id, connectionId: connectionIdOf(ctx, name) };
        await ctx.api.unwrap(
          ctx.api.http.PATCH('/organizations/{id}/enabled_connections/{connectionId}', {
            params: { path },
            body: patch,
          }),
        );
      }
    }
    for (const [name, e] of wanted) if (!current.has(name)) await addConnection(ctx, id, e);
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(ctx.api.http.DELETE('/organizations/{id}', { params: { path: { id: req.id! } } }));
  },

  async findByKey(ctx, key) {
    try {
      const org = await ctx.api.unwrap(
        ctx.api.http.GET('/organizations/name/{name}', { params: { path: { name: key } } }),
      );
      return org?.id ? await withEnabledConnections(ctx, org as Organization) : undefined;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  },
};

async function withEnabledConnections(ctx: AdapterContext, org: Organization): Promise<LiveRecord> {
  const id = String(org.id);
  const enabled_connections = await ctx.api.listOffset<EnabledConnection>(
    `/organizations/${encodeURIComponent(id)}/enabled_connections`,
    'enabled_connections',
  );
  return { id, raw: { ...org, enabled_connections } as Record<string, unknown> };
}

async function addConnection(ctx: AdapterContext, orgId: string, e: EnabledRef): Promise<void> {
  // Settings at their defaults are left out: not every one applies to every strategy.
  const body = {
    connection_id: ctx.refs.idOf('connections', e.connection),
    ...Object.fromEntries(SETTINGS.filter((s) => s !== 'is_signup_enabled' || e[s]).map((s) => [s, e[s]])),
  };
  await ctx.api.unwrap(
    ctx.api.http.POST('/organizations/{id}/enabled_connections', { params: { path: { id: orgId } }, body }),
  );
}

/**
 * The id of a connection an organization has enabled. A live connection whose name could not
 * be resolved is shown (and so named in `live`) by its id.
 */
function connectionIdOf(ctx: AdapterContext, name: string): string {
  try {
    return ctx.refs.idOf('connections', name);
  } catch {
    return name;
  }
}

/** The enabled connections of a config object, in the order written, every setting filled in. */
function enabledOf(config: ConfigObject): EnabledRef[] {
  const list = Array.isArray(config.enabled_connections) ? config.enabled_connections : [];
  return list.map((e) => settingsOf(isPlainObject(e) ? e : {}));
}

function settingsOf(e: { [k: string]: Json | undefined }): EnabledRef {
  const out = { connection: String(e.connection) } as EnabledRef;
  for (const s of SETTINGS) out[s] = typeof e[s] === 'boolean' ? e[s] : SETTING_DEFAULTS[s];
  return out;
}

function canonical(list: EnabledRef[]): Json {
  return sortedByKey(list as unknown as Record<string, unknown>[], 'connection') as Json;
}
