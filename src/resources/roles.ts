// Roles with their permissions. Natural key: name. Permissions are written as
// { resource_server: <API identifier>, name: <scope> } and must be scopes the API defines.

import type { ConfigObject, Json } from '../core/json.ts';
import type { components } from '../api/schema.ts';
import { onlyFields, sortedByKey } from './config-shape.ts';
import type { AdapterContext, LiveRecord, ResourceAdapter } from './contract.ts';

type Role = components['schemas']['GetRoleResponseContent'];
type Permission = components['schemas']['PermissionsResponsePayload'];

interface PermissionRef {
  resource_server: string;
  name: string;
}

export const rolesAdapter: ResourceAdapter = {
  type: 'roles',
  section: 'list',
  configFields: {
    add: {
      name: { type: 'string', minLength: 1, description: 'Name of the role.' },
      description: { type: 'string', description: 'Description of the role.' },
      permissions: {
        type: 'array',
        description: 'Scopes of APIs granted by this role.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['resource_server', 'name'],
          properties: {
            resource_server: { type: 'string', description: 'Identifier (audience) of the API.' },
            name: { type: 'string', description: 'A scope the API defines.' },
          },
        },
      },
    },
    required: ['name'],
  },
  secretPaths: [],
  immutableFields: [],

  keyOf: (config) => String(config.name),
  references: (config) =>
    permissionsOf(config).flatMap((p, i) => [
      { type: 'resource_servers', key: p.resource_server, path: `permissions.${i}.resource_server` },
      { type: 'resource_servers', key: p.resource_server, path: `permissions.${i}.name`, member: p.name },
    ]),
  normaliseDesired: (config) =>
    config.permissions === undefined ? config : { ...config, permissions: canonical(permissionsOf(config)) },

  async list(ctx) {
    const roles = await ctx.api.listOffset<Role>('/roles', 'roles');
    // The API has no way to list permissions for many roles at once.
    return Promise.all(
      roles.map(async (role) => {
        const permissions = await ctx.api.listOffset<Permission>(
          `/roles/${encodeURIComponent(String(role.id))}/permissions`,
          'permissions',
        );
        return { id: String(role.id), raw: { ...role, permissions } as Record<string, unknown> };
      }),
    );
  },

  toConfig(record) {
    const config = onlyFields(record.raw, ['name', 'description']);
    const permissions = (record.raw.permissions as Permission[] | undefined) ?? [];
    config.permissions = canonical(
      permissions.map((p) => ({
        resource_server: String(p.resource_server_identifier),
        name: String(p.permission_name),
      })),
    );
    return config;
  },

  isSystem: () => false,

  async create(ctx, req) {
    const created = await ctx.api.unwrap(
      ctx.api.http.POST('/roles', {
        body: onlyFields(req.desired, ['name', 'description']) as { name: string },
      }),
    );
    const id = String(created.id);
    await changePermissions(ctx, id, 'POST', permissionsOf(req.desired));
    return { id, raw: created as Record<string, unknown> };
  },

  async update(ctx, req) {
    const fields = req.changed.filter((f) => f === 'name' || f === 'description');
    if (fields.length > 0) {
      await ctx.api.unwrap(
        ctx.api.http.PATCH('/roles/{id}', {
          params: { path: { id: req.id! } },
          body: onlyFields(req.desired, fields),
        }),
      );
    }
    if (req.changed.includes('permissions')) {
      const wanted = permissionsOf(req.desired);
      const current = permissionsOf(req.live ?? {});
      const id = (p: PermissionRef) => `${p.resource_server}\n${p.name}`;
      const has = (list: PermissionRef[], p: PermissionRef) => list.some((q) => id(q) === id(p));
      await changePermissions(
        ctx,
        req.id!,
        'DELETE',
        current.filter((p) => !has(wanted, p)),
      );
      await changePermissions(
        ctx,
        req.id!,
        'POST',
        wanted.filter((p) => !has(current, p)),
      );
    }
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(ctx.api.http.DELETE('/roles/{id}', { params: { path: { id: req.id! } } }));
  },

  async findByKey(ctx, key) {
    const roles = await ctx.api.listOffset<Role>('/roles', 'roles', { name_filter: key });
    const role = roles.find((r) => r.name === key);
    return role ? ({ id: String(role.id), raw: role as Record<string, unknown> } as LiveRecord) : undefined;
  },
};

async function changePermissions(
  ctx: AdapterContext,
  roleId: string,
  method: 'POST' | 'DELETE',
  permissions: PermissionRef[],
): Promise<void> {
  if (permissions.length === 0) return;
  const body = {
    permissions: permissions.map((p) => ({
      resource_server_identifier: p.resource_server,
      permission_name: p.name,
    })),
  };
  const params = { path: { id: roleId } };
  await ctx.api.unwrap(
    method === 'POST'
      ? ctx.api.http.POST('/roles/{id}/permissions', { params, body })
      : ctx.api.http.DELETE('/roles/{id}/permissions', { params, body }),
  );
}

function permissionsOf(config: ConfigObject): PermissionRef[] {
  const list = Array.isArray(config.permissions) ? config.permissions : [];
  return list.map((p) => {
    const o = (p ?? {}) as { [k: string]: Json };
    return { resource_server: String(o.resource_server), name: String(o.name) };
  });
}

function canonical(permissions: PermissionRef[]): Json {
  return sortedByKey(permissions as unknown as Record<string, unknown>[], 'resource_server', 'name') as Json;
}
