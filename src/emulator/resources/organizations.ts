import { conflict, notFound, orNotFound } from '../http/api-error.ts';
import type { Reply, RequestContext, ResourceModule } from '../engine/context.ts';
import { projectFields } from '../engine/listing.ts';
import { decodeCursor, encodeCursor, listReply } from '../engine/pagination.ts';
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

/** Members are stored by user id: `/organizations/org_x/members` → user_id → `{user_id}`. */
function membersOf(context: RequestContext, orgId: string): Map<string, Json> {
  return context.store.collection(`/organizations/${orgId}/members`);
}

/** A member as the API lists it: the user's id, email, picture and name. */
function presentMember(context: RequestContext, userId: string): Json {
  const user = context.store.collection('/users').get(userId);
  const member: Json = { user_id: userId };
  for (const field of ['email', 'picture', 'name'])
    if (user?.[field] !== undefined) member[field] = user[field];
  return member;
}

/**
 * Members page by checkpoint, and unlike other checkpoint lists the real API gives a `next`
 * cursor after every non-empty page, even a short one; the page after the last is empty
 * (recorded, TestAccDataSourceOrganization).
 */
function listMembers(context: RequestContext): Reply {
  requireOrganization(context);
  const members = [...membersOf(context, context.params.id).keys()].map((userId) =>
    presentMember(context, userId),
  );
  const projected = projectFields(context.query, members);
  const checkpoint = context.query.from !== undefined || context.query.take !== undefined;
  if (!checkpoint) return listReply(context, projected);
  const reply = listReply(context, projected, { checkpoint: true, key: 'members' });
  const body = reply.body as { members: Json[]; next?: string };
  if (body.members.length > 0 && body.next === undefined) {
    const start = context.query.from ? decodeCursor('o', String(context.query.from)) : 0;
    body.next = encodeCursor('o', start + body.members.length);
  }
  return reply;
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
    'get /organizations/{id}/members': listMembers,
    'post /organizations/{id}/members': (context) => {
      requireOrganization(context);
      const members = membersOf(context, context.params.id);
      for (const userId of context.body?.members ?? [])
        members.set(String(userId), { user_id: String(userId) });
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    'delete /organizations/{id}/members': (context) => {
      requireOrganization(context);
      const members = membersOf(context, context.params.id);
      for (const userId of context.body?.members ?? []) {
        members.delete(String(userId));
        context.store.dropBelow(`/organizations/${context.params.id}/members/${String(userId)}`);
      }
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    // A member's roles are stored by role id; reads give the roles themselves.
    'get /organizations/{id}/members/{user_id}/roles': (context) => {
      requireOrganization(context);
      const assigned = context.store.collection(
        `/organizations/${context.params.id}/members/${context.params.user_id}/roles`,
      );
      const roles = [...assigned.keys()]
        .map((roleId) => context.store.collection('/roles').get(roleId))
        .filter((role): role is Json => role !== undefined)
        .map(({ id, name, description }) => ({ id, name, description: description ?? '' }));
      return listReply(context, roles);
    },
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
