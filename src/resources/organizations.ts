// Organizations with their enabled connections, client grants and discovery domains. Natural key: name (the
// API's unique organization name). Enabled connections are written by connection name,
// client grants by grant key; each lives in a sub-resource of its own, written item by item.
// Connections go through /organizations/{id}/connections, the successor of /enabled_connections
// (same list, plus access level, name in the organization and is_enabled): the only one the
// recorded traffic uses (562 requests, none to the older), and the one auth0-deploy-cli reads
// unconditionally. The applications associated with an organization are written at their own
// endpoint (organization-clients.ts).

import type { ResourceSpec } from './kit/spec.ts';
import {
  canonicalOrganizationClients,
  organizationClientsSchema,
  organizationClientsToConfig,
  readOrganizationClients,
  withoutOrganizationClients,
  writeOrganizationClients,
} from './organization-clients.ts';

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
      clients: organizationClientsSchema,
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
            is_enabled: {
              type: 'boolean',
              description: 'Whether the connection is enabled for the organization. Default: true.',
            },
            organization_access_level: {
              type: 'string',
              enum: ['none', 'readonly', 'limited', 'full'],
              description:
                "What the organization's admins may do with the connection (My Organization). Default: none.",
            },
            organization_connection_name: {
              type: 'string',
              minLength: 1,
              maxLength: 50,
              description: 'Name of the connection in the scope of this organization.',
            },
          },
        },
      },
    },
  },
  fields: {
    defaults: { third_party_client_access: 'block', branding: {}, metadata: {} },
    sets: { clients: ['client'] },
  },
  refs: [{ path: 'clients.*.client', type: 'clients' }],
  hooks: {
    readMore: readOrganizationClients,
    fromApi: organizationClientsToConfig,
    canonical: canonicalOrganizationClients,
    toApi: withoutOrganizationClients,
    afterWrite: (ctx, record, desired) => writeOrganizationClients(ctx, record.id, desired),
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
      list: 'GET /organizations/{id}/connections',
      item: {
        fields: {
          connection: { api: 'connection_id', type: 'connections' },
          assign_membership_on_login: { api: 'assign_membership_on_login' },
          show_as_button: { api: 'show_as_button' },
          is_signup_enabled: { api: 'is_signup_enabled' },
          is_enabled: { api: 'is_enabled' },
          organization_access_level: { api: 'organization_access_level' },
          organization_connection_name: { api: 'organization_connection_name' },
        },
        identity: ['connection'],
        // What the API assumes for a setting the request leaves out (TestAccOrganizationConnection).
        defaults: {
          assign_membership_on_login: false,
          show_as_button: true,
          is_signup_enabled: false,
          is_enabled: true,
          organization_access_level: 'none',
        },
      },
      write: {
        style: 'each',
        add: 'POST /organizations/{id}/connections',
        update: 'PATCH /organizations/{id}/connections/{connection_id}',
        remove: 'DELETE /organizations/{id}/connections/{connection_id}',
        itemParam: 'connection_id',
        idField: 'connection_id',
        // Sign-up applies to database connections only, access levels to My Organization: left
        // to the API unless set.
        addOmitsDefaults: ['is_signup_enabled', 'is_enabled', 'organization_access_level'],
      },
    },
  ],
};
