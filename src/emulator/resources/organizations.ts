import { conflict, notFound } from '../http/api-error.ts';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listStyleOf, paginate } from '../engine/pagination.ts';
import type { Json } from '../openapi/document.ts';

const NOT_FOUND = { message: 'The organization does not exist', errorCode: 'inexistent_organization' };
const CONNECTION_NOT_FOUND = { message: 'The connection does not exist', errorCode: 'inexistent_connection' };

/** What the real API fills in for an enabled connection the request leaves unsaid. */
const ENABLED_CONNECTION_DEFAULTS = {
  assign_membership_on_login: false,
  show_as_button: true,
  is_signup_enabled: false,
};

function requireOrganization(context: RequestContext): Json {
  const org = context.store.collection('/organizations').get(context.params.id);
  if (!org) throw notFound(NOT_FOUND.message, NOT_FOUND.errorCode);
  return org;
}

/** Stored by connection id: `/organizations/org_x/enabled_connections` → connection_id → settings. */
function enabledOf(context: RequestContext, orgId: string): Map<string, Json> {
  return context.store.collection(`/organizations/${orgId}/enabled_connections`);
}

function connectionOf(context: RequestContext, body: Json): Json {
  const connection = context.store.collection('/connections').get(String(body?.connection_id));
  if (!connection) throw notFound(CONNECTION_NOT_FOUND.message, CONNECTION_NOT_FOUND.errorCode);
  return connection;
}

function enable(context: RequestContext, orgId: string, body: Json): Json {
  const connection = connectionOf(context, body);
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
    for (const org of context.store.collection('/organizations').values()) {
      if (org.name === body.name) throw conflict('An organization with this name already exists', 'conflict');
    }
    const { enabled_connections: connections, ...rest } = body;
    const list: Json[] = Array.isArray(connections) ? connections : [];
    for (const c of list) connectionOf(context, c);
    for (const c of list) enable(context, id, c);
    return { id, display_name: body.name, third_party_client_access: 'block', ...rest };
  },
  notFound: NOT_FOUND,
  routes: {
    'get /organizations/name/{name}': (context) => {
      for (const org of context.store.collection('/organizations').values()) {
        if (org.name === context.params.name) {
          return { status: context.operation.successStatus, body: org };
        }
      }
      throw notFound(NOT_FOUND.message, NOT_FOUND.errorCode);
    },
    'get /organizations/{id}/enabled_connections': (context) => {
      requireOrganization(context);
      const items = [...enabledOf(context, context.params.id).values()]
        .map((stored) => presentEnabled(context, stored))
        .filter((item): item is Json => item !== undefined);
      return {
        status: context.operation.successStatus,
        body: paginate(listStyleOf(context.document, context.operation), context.query, items),
      };
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
