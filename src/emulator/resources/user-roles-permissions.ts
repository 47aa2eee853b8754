import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import { notFound, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { checkPermission, permissionKey, ROLE_NOT_FOUND } from './roles.ts';

/**
 * Roles and permissions assigned to a user directly, as TestAccUserRole(s) and
 * TestAccUserPermission(s) show them: assigning roles answers 204, permissions 201 `{}`; lists are
 * sorted by role name and by permission name; a direct permission reads with
 * `sources: [{source_id: '', source_name: '', source_type: 'DIRECT'}]`.
 */
const USER_NOT_FOUND = { message: 'The user does not exist.', errorCode: 'inexistent_user' };

/** The user's key in the store: users are found by their id or their user_id. */
function requireUser(context: RequestContext): string {
  const users = context.store.collection('/users');
  const id = context.params.id;
  const user = users.get(id) ?? context.store.findBy('/users', 'user_id', id);
  if (!user) throw notFound(USER_NOT_FOUND.message, USER_NOT_FOUND.errorCode);
  return id;
}

const rolesOf = (context: RequestContext, userId: string) =>
  context.store.collection(`/users/${userId}/roles`);
const permissionsOf = (context: RequestContext, userId: string) =>
  context.store.collection(`/users/${userId}/permissions`);

const byName = (field: string) => (a: Json, b: Json) => String(a[field]).localeCompare(String(b[field]));

const DIRECT = [{ source_id: '', source_name: '', source_type: 'DIRECT' }];

export const userRolesPermissions: ResourceModule = {
  collection: '/users/{id}/roles',
  routes: {
    'get /users/{id}/roles': (context) => {
      const userId = requireUser(context);
      const roles = context.store.collection('/roles');
      const items = [...rolesOf(context, userId).keys()]
        .map((roleId) => roles.get(roleId))
        .filter((role): role is Json => role !== undefined)
        .map((role) => ({ id: role.id, name: role.name, description: role.description }))
        .sort(byName('name'));
      return listReply(context, items);
    },
    'post /users/{id}/roles': (context) => {
      const userId = requireUser(context);
      const roleIds: string[] = context.body.roles;
      for (const roleId of roleIds)
        orNotFound(context.store.collection('/roles').get(roleId), ROLE_NOT_FOUND);
      for (const roleId of roleIds) rolesOf(context, userId).set(roleId, { id: roleId });
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    'delete /users/{id}/roles': (context) => {
      const userId = requireUser(context);
      for (const roleId of context.body.roles) rolesOf(context, userId).delete(roleId);
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    'get /users/{id}/permissions': (context) => {
      const userId = requireUser(context);
      const items = [...permissionsOf(context, userId).values()].sort(byName('permission_name'));
      return listReply(context, items);
    },
    'post /users/{id}/permissions': (context) => {
      const userId = requireUser(context);
      // Every permission is checked before any is assigned.
      const checked = context.body.permissions.map((p: Json) => checkPermission(context, p));
      for (const permission of checked)
        permissionsOf(context, userId).set(permissionKey(permission), { ...permission, sources: DIRECT });
      context.store.changed();
      return { status: context.operation.successStatus, body: {} };
    },
    'delete /users/{id}/permissions': (context) => {
      const userId = requireUser(context);
      for (const permission of context.body.permissions)
        permissionsOf(context, userId).delete(permissionKey(permission));
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
