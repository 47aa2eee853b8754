// Organizations with their enabled connections, client grants and discovery domains. Natural key: name (the
// API's unique organization name). Enabled connections are written by connection name,
// client grants by grant key; each lives in a sub-resource of its own, written item by item.
// (The newer /organizations/{id}/connections is Early Access: a tenant without it could not
// read its organizations, so the GA enabled_connections stays.)

import type { ResourceSpec } from './kit/spec.ts';

export const organizations: ResourceSpec = {
  kind: 'collection',
  type: 'organizations',
  description: 'Organizations (B2B customers), with the connections their members may log in with.',
  key: 'name',
  operations: {
    list: 'GET /organizations',
    create: 'POST /organizations',
    update: 'PATCH /organizations/{id}',
    delete: 'DELETE /organizations/{id}',
    find: 'GET /organizations/name/{name}',
  },
  configFields: {
    add: {
      discovery_domains: {
        type: 'array',
        description:
          'Email domains that lead users to this organization at login (its members verify them by DNS).',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['domain'],
          properties: {
            domain: { type: 'string', minLength: 1, description: 'The domain, e.g. contoso.example.' },
            use_for_organization_discovery: {
              type: 'boolean',
              description: 'Whether the domain is used to find the organization at login. Default: true.',
            },
          },
        },
      },
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
  fields: {
    defaults: { third_party_client_access: 'block', branding: {}, metadata: {} },
  },
  subResources: [
    {
      field: 'client_grants',
      description:
        "Client grants members' tokens may use, by the grant's key (`client → audience`); the grant must allow organizations (organization_usage).",
      list: 'GET /organizations/{id}/client-grants',
      // Listed as `id`, added as `grant_id`.
      item: { value: { api: 'grant_id', listedAs: 'id', type: 'client_grants' } },
      write: {
        style: 'each',
        add: 'POST /organizations/{id}/client-grants',
        remove: 'DELETE /organizations/{id}/client-grants/{grant_id}',
        itemParam: 'grant_id',
        idField: 'grant_id',
      },
    },
    {
      field: 'discovery_domains',
      list: 'GET /organizations/{id}/discovery-domains',
      item: {
        // Verification status is the server's (DNS checks change it): not config.
        fields: {
          domain: { api: 'domain' },
          use_for_organization_discovery: { api: 'use_for_organization_discovery' },
        },
        identity: ['domain'],
        defaults: { use_for_organization_discovery: true },
      },
      write: {
        style: 'each',
        add: 'POST /organizations/{id}/discovery-domains',
        update: 'PATCH /organizations/{id}/discovery-domains/{discovery_domain_id}',
        remove: 'DELETE /organizations/{id}/discovery-domains/{discovery_domain_id}',
        itemParam: 'discovery_domain_id',
        idField: 'id',
        // Their ids are the server's: found by domain.
        lookup: {
          operation: 'GET /organizations/{id}/discovery-domains/name/{discovery_domain}',
          param: 'discovery_domain',
          field: 'domain',
        },
      },
    },
    {
      field: 'enabled_connections',
      list: 'GET /organizations/{id}/enabled_connections',
      item: {
        fields: {
          connection: { api: 'connection_id', type: 'connections' },
          assign_membership_on_login: { api: 'assign_membership_on_login' },
          show_as_button: { api: 'show_as_button' },
          is_signup_enabled: { api: 'is_signup_enabled' },
        },
        identity: ['connection'],
        // What the API assumes for a setting the request leaves out.
        defaults: { assign_membership_on_login: false, show_as_button: true, is_signup_enabled: false },
      },
      write: {
        style: 'each',
        add: 'POST /organizations/{id}/enabled_connections',
        update: 'PATCH /organizations/{id}/enabled_connections/{connectionId}',
        remove: 'DELETE /organizations/{id}/enabled_connections/{connectionId}',
        itemParam: 'connectionId',
        idField: 'connection_id',
        // Sign-up applies to database connections only: left to the API unless enabled.
        addOmitsDefaults: ['is_signup_enabled'],
      },
    },
  ],
};
