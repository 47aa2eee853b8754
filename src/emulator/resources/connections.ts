import { hasScope } from '../auth/access.ts';
import { conflict, forbidden, orNotFound } from '../http/api-error.ts';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import type { Json } from '../openapi/document.ts';
import { metaOf } from '../state/emulator-meta.ts';

/** Options a real tenant fills in for the strategies people create most. */
const STRATEGY_OPTION_DEFAULTS: Record<string, Json> = {
  auth0: {
    mfa: { active: true, return_enroll_settings: true },
    passwordPolicy: 'good',
    brute_force_protection: true,
    strategy_version: 2,
  },
  'google-oauth2': { email: true, profile: true, scope: ['email', 'profile'] },
};

export const CONNECTION_NOT_FOUND = {
  message: 'The connection does not exist',
  errorCode: 'inexistent_connection',
};

export function newConnection(id: string, body: Json): Json {
  const defaults = STRATEGY_OPTION_DEFAULTS[body.strategy] ?? {};
  return {
    id,
    options: { ...defaults },
    ...body,
    ...(body.options ? { options: { ...defaults, ...body.options } } : {}),
    realms: body.realms ?? [body.name],
    enabled_clients: body.enabled_clients ?? [],
    is_domain_connection: body.is_domain_connection ?? false,
  };
}

const requireConnection = (context: RequestContext): Json =>
  orNotFound(context.store.collection('/connections').get(context.params.id), CONNECTION_NOT_FOUND);

export const connections: ResourceModule = {
  collection: '/connections',
  newId: ({ ids }) => ids.prefixed('con'),
  create: ({ store }, body, id) => {
    if (store.findBy('/connections', 'name', body.name))
      throw conflict('A connection with the same name already exists', 'connection_conflict');
    return newConnection(id, body);
  },
  // PATCH replaces `options` whole: whatever the body omits from options is gone.
  update: ({ claims }, existing, body) => {
    if ('options' in body && !hasScope(claims, 'update:connections_options')) {
      throw forbidden(
        'Insufficient scope, expected any of: update:connections_options',
        'insufficient_scope',
      );
    }
    return { ...existing, ...body };
  },
  present: ({ claims, operation, store }, stored) => {
    let shown = stored;
    // enabled_clients is deprecated: current tenants answer it in the create response only (the
    // newest recordings' GET and PATCH answers lack it); reads take GET /connections/{id}/clients.
    if (operation.method !== 'post' && !metaOf(store).legacy_enabled_clients) {
      const { enabled_clients: _enabled, ...rest } = shown;
      shown = rest;
    }
    // Options can hold secrets: the real API shows them only to tokens with read:connections_options.
    if (hasScope(claims, 'read:connections_options')) return shown;
    const { options: _options, ...rest } = shown;
    return rest;
  },
  notFound: CONNECTION_NOT_FOUND,
  filters: {
    strategy: (item, value) => (Array.isArray(value) ? value : [value]).includes(item.strategy),
  },
  routes: {
    'get /connections/{id}/clients': (context) => {
      const connection = requireConnection(context);
      const enabled = (connection.enabled_clients ?? []).map((client_id: string) => ({ client_id }));
      // Always checkpoint-paged: with neither from nor take, the first 50.
      const query =
        context.query.from === undefined && context.query.take === undefined
          ? { ...context.query, take: 50 }
          : context.query;
      return listReply(context, enabled, { key: 'clients', checkpoint: true }, query);
    },
    'patch /connections/{id}/clients': (context) => {
      const connection = requireConnection(context);
      const enabled = new Set<string>(connection.enabled_clients ?? []);
      for (const change of Array.isArray(context.body) ? context.body : []) {
        if (change.status === false) enabled.delete(change.client_id);
        else enabled.add(change.client_id);
      }
      context.store
        .collection('/connections')
        .set(connection.id, { ...connection, enabled_clients: [...enabled] });
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
