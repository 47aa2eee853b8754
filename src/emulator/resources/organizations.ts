import { conflict, notFound, orNotFound } from '../http/api-error.ts';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import type { Json } from '../openapi/document.ts';
import { CONNECTION_NOT_FOUND } from './connections.ts';

export const ORGANIZATION_NOT_FOUND = {
  message: 'The organization does not exist',
  errorCode: 'inexistent_organization',
};
const NOT_FOUND = ORGANIZATION_NOT_FOUND;

/** What the real API fills in for an enabled connection the request leaves unsaid. */
const ENABLED_CONNECTION_DEFAULTS = {
  assign_membership_on_login: false,
  show_as_button: true,
  is_signup_enabled: false,
};

const requireOrganization = (context: RequestContext): Json =>
  orNotFound(context.store.collection('/organizations').get(context.params.id), NOT_FOUND);

/** Stored by connection id: `/organizations/org_x/enabled_connections` → connection_id → settings. */
function enabledOf(context: RequestContext, orgId: string): Map<string, Json> {
  return context.store.collection(`/organizations/${orgId}/enabled_connections`);
}

/** The connection a body's `connection_id` names, or 404. */
const requireConnection = (context: RequestContext, body: Json): Json =>
  orNotFound(context.store.collection('/connections').get(String(body?.connection_id)), CONNECTION_NOT_FOUND);

function enable(context: RequestContext, orgId: string, body: Json): Json {
  const connection = requireConnection(context, body);
  const enabled = enabledOf(context, orgId);
  if (enabled.has(connection.id))
    throw conflict('The connection is already enabled for this organization', 'conflict');
  const stored = { ...ENABLED_CONNECTION_DEFAULTS, ...body, connection_id: connection.id };
  enabled.set(connection.id, stored);
  return stored;
}

/** As the API reads it: with the connection's name and strategy; connections deleted since are gone. */
function presentEnabled(context: RequestContext, stored: Json): Json | undefined {
  const connection = context.store.collection('/connections').get(stored.connection_id);
  return connection
    ? { ...stored, connection: { name: connection.name, strategy: connection.strategy } }
    : undefined;
}

function requireEnabled(context: RequestContext): Json {
  requireOrganization(context);
  const stored = enabledOf(context, context.params.id).get(context.params.connectionId);
  const presented = stored && presentEnabled(context, stored);
  if (!presented)
    throw notFound('The connection is not enabled for this organization', 'inexistent_connection');
  return presented;
}

export const organizations: ResourceModule = {
  collection: '/organizations',
  newId: ({ ids }) => ids.prefixed('org'),
  // Connections in the create body are enabled as POST /organizations/{id}/enabled_connections
  // would; they live in that sub-collection, not in the organization.
  create: (context, body, id) => {
    if (context.store.findBy('/organizations', 'name', body.name))
      throw conflict('An organization with this name already exists', 'conflict');
    const { enabled_connections: connections, ...rest } = body;
    const list: Json[] = Array.isArray(connections) ? connections : [];
    // Every connection is checked before any is enabled, so a 404 leaves nothing behind.
    for (const c of list) requireConnection(context, c);
    for (const c of list) enable(context, id, c);
    return { id, display_name: body.name, third_party_client_access: 'block', ...rest };
  },
  notFound: NOT_FOUND,
  routes: {
    'get /organizations/name/{name}': (context) => ({
      status: context.operation.successStatus,
      body: orNotFound(context.store.findBy('/organizations', 'name', context.params.name), NOT_FOUND),
    }),
    'get /organizations/{id}/enabled_connections': (context) => {
      requireOrganization(context);
      const items = [...enabledOf(context, context.params.id).values()]
        .map((stored) => presentEnabled(context, stored))
        .filter((item): item is Json => item !== undefined);
      return listReply(context, items);
    },
    'post /organizations/{id}/enabled_connections': (context) => {
      requireOrganization(context);
      const stored = enable(context, context.params.id, context.body);
      context.store.changed();
      return { status: context.operation.successStatus, body: presentEnabled(context, stored) };
    },
    'get /organizations/{id}/enabled_connections/{connectionId}': (context) => ({
      status: context.operation.successStatus,
      body: requireEnabled(context),
    }),
    'patch /organizations/{id}/enabled_connections/{connectionId}': (context) => {
      const current = requireEnabled(context);
      const { connection: _connection, ...stored } = current;
      const updated = { ...stored, ...context.body };
      enabledOf(context, context.params.id).set(context.params.connectionId, updated);
      context.store.changed();
      return { status: context.operation.successStatus, body: presentEnabled(context, updated) };
    },
    'delete /organizations/{id}/enabled_connections/{connectionId}': (context) => {
      requireEnabled(context);
      enabledOf(context, context.params.id).delete(context.params.connectionId);
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
