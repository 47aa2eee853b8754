import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import { conflict, notFound, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { CONNECTION_NOT_FOUND } from './connections.ts';
import { ORGANIZATION_NOT_FOUND } from './organizations.ts';

/**
 * `/organizations/{id}/connections` (Early Access), the successor of `/enabled_connections`: the
 * same list of connections per organization (the two endpoints share it), plus `is_enabled` and
 * `organization_access_level`. Defaults and shapes from TestAccOrganizationConnection(s).yaml:
 * is_signup_enabled appears, false, only for database connections; the newest is listed first.
 */
const DEFAULTS = {
  assign_membership_on_login: false,
  show_as_button: true,
  is_enabled: true,
  organization_access_level: 'none',
};

const NOT_IN_ORGANIZATION = {
  message: 'The connection is not enabled for this organization',
  errorCode: 'inexistent_connection',
};

function connectionsOf(context: RequestContext): Map<string, Json> {
  orNotFound(context.store.collection('/organizations').get(context.params.id), ORGANIZATION_NOT_FOUND);
  return context.store.collection(`/organizations/${context.params.id}/enabled_connections`);
}

/** As the API reads it; undefined when the connection itself was deleted since. */
function present(context: RequestContext, stored: Json): Json | undefined {
  const connection = context.store.collection('/connections').get(stored.connection_id);
  if (!connection) return undefined;
  const signup = connection.strategy === 'auth0' ? { is_signup_enabled: false } : {};
  return {
    connection_id: stored.connection_id,
    ...signup,
    ...DEFAULTS,
    ...stored,
    connection: { name: connection.name, strategy: connection.strategy },
  };
}

function requireOne(context: RequestContext): { stored: Json; presented: Json } {
  const stored = connectionsOf(context).get(context.params.connection_id);
  const presented = stored && present(context, stored);
  if (!presented) throw notFound(NOT_IN_ORGANIZATION.message, NOT_IN_ORGANIZATION.errorCode);
  return { stored, presented };
}

const ITEM = '/organizations/{id}/connections/{connection_id}';

export const organizationConnections: ResourceModule = {
  collection: '/organizations/{id}/connections',
  routes: {
    'get /organizations/{id}/connections': (context) => {
      const items = [...connectionsOf(context).values()]
        .reverse()
        .map((stored) => present(context, stored))
        .filter((item): item is Json => item !== undefined)
        .filter(
          (item) =>
            context.query.is_enabled === undefined ||
            String(item.is_enabled) === String(context.query.is_enabled),
        );
      return listReply(context, items, { key: 'connections' }, { ...context.query, is_enabled: undefined });
    },
    'post /organizations/{id}/connections': (context) => {
      const connections = connectionsOf(context);
      const connection = orNotFound(
        context.store.collection('/connections').get(String(context.body.connection_id)),
        CONNECTION_NOT_FOUND,
      );
      if (connections.has(connection.id))
        throw conflict('The connection is already enabled for this organization', 'conflict');
      connections.set(connection.id, { ...context.body, connection_id: connection.id });
      context.store.changed();
      return {
        status: context.operation.successStatus,
        body: present(context, connections.get(connection.id)),
      };
    },
    [`get ${ITEM}`]: (context) => ({
      status: context.operation.successStatus,
      body: requireOne(context).presented,
    }),
    [`patch ${ITEM}`]: (context) => {
      const { stored } = requireOne(context);
      const updated = { ...stored, ...context.body };
      connectionsOf(context).set(stored.connection_id, updated);
      context.store.changed();
      return { status: context.operation.successStatus, body: present(context, updated) };
    },
    // Removing a connection the organization does not have answers 204 too (recorded: the
    // second of two identical DELETEs in TestAccOrganizationConnection).
    [`delete ${ITEM}`]: (context) => {
      connectionsOf(context).delete(context.params.connection_id);
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
