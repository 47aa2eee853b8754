import { badRequest, conflict, notFound, orNotFound } from '../http/api-error.ts';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import type { Json } from '../openapi/document.ts';

export const ROLE_NOT_FOUND = { message: 'The role does not exist.', errorCode: 'inexistent_role' };
const NOT_FOUND = ROLE_NOT_FOUND;

export const permissionKey = (p: Json) => `${p.resource_server_identifier}\n${p.permission_name}`;

const requireRole = (context: RequestContext): Json =>
  orNotFound(context.store.collection('/roles').get(context.params.id), NOT_FOUND);

function permissionsOf(context: RequestContext): Map<string, Json> {
  return context.store.collection(`/roles/${context.params.id}/permissions`);
}

/** Each permission must name an existing API and one of its scopes, as the real API checks. */
export function checkPermission(context: RequestContext, permission: Json): Json {
  const server = context.store.findBy(
    '/resource-servers',
    'identifier',
    permission.resource_server_identifier,
  );
  if (!server) throw notFound('Resource server not found', 'inexistent_resource_server');
  const scope = (server.scopes ?? []).find((s: Json) => s.value === permission.permission_name);
  if (!scope) {
    throw badRequest(
      `Permission ${permission.permission_name} does not exist on resource server ${server.identifier}`,
      'invalid_body',
    );
  }
  return {
    permission_name: permission.permission_name,
    resource_server_identifier: server.identifier,
    resource_server_name: server.name,
    description: scope.description ?? '',
  };
}

export const roles: ResourceModule = {
  collection: '/roles',
  newId: ({ ids }) => ids.prefixed('rol'),
  create: ({ store }, body, id) => {
    if (store.findBy('/roles', 'name', body.name))
      throw conflict('A role with this name already exists', 'conflict');
    return { id, type: 'tenant', ...body };
  },
  notFound: NOT_FOUND,
  filters: {
    name_filter: (item, value) => String(item.name).toLowerCase().includes(String(value).toLowerCase()),
  },
  routes: {
    'get /roles/{id}/permissions': (context) => {
      requireRole(context);
      return listReply(context, [...permissionsOf(context).values()]);
    },
    'post /roles/{id}/permissions': (context) => {
      requireRole(context);
      const permissions = permissionsOf(context);
      for (const permission of context.body?.permissions ?? []) {
        permissions.set(permissionKey(permission), checkPermission(context, permission));
      }
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    'delete /roles/{id}/permissions': (context) => {
      requireRole(context);
      const permissions = permissionsOf(context);
      for (const permission of context.body?.permissions ?? []) permissions.delete(permissionKey(permission));
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
