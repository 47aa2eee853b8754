// Roles with their permissions. Natural key: name. Permissions are written as
// { resource_server: <API identifier>, name: <scope> } and must be scopes the API defines.

import type { ResourceSpec } from './kit/spec.ts';

export const roles: ResourceSpec = {
  kind: 'collection',
  type: 'roles',
  description: 'Roles, with the API scopes (permissions) each grants.',
  key: 'name',
  operations: {
    list: 'GET /roles',
    create: 'POST /roles',
    update: 'PATCH /roles/{id}',
    delete: 'DELETE /roles/{id}',
  },
  // The list also holds roles organizations own (`type: organization`): not the tenant's to manage here.
  listed: (raw) => raw.type === undefined || raw.type === 'tenant',
  configFields: {
    add: {
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
  },
  subResources: [
    {
      field: 'permissions',
      list: 'GET /roles/{id}/permissions',
      item: {
        fields: {
          resource_server: { api: 'resource_server_identifier', type: 'resource_servers', by: 'key' },
          name: { api: 'permission_name', memberOf: 'resource_server' },
        },
        identity: ['resource_server', 'name'],
      },
      write: {
        style: 'bulk',
        add: 'POST /roles/{id}/permissions',
        remove: 'DELETE /roles/{id}/permissions',
        bodyKey: 'permissions',
      },
    },
  ],
};
