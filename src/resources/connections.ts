// Connections (database, social, enterprise). Natural key: name; the strategy cannot
// change in place. Enabled clients are written by client name, through the connection's
// clients endpoint (at most 50 changes a request).

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

/** Options Auth0 fills in when a connection of these strategies is created. */
const STRATEGY_OPTION_DEFAULTS: Readonly<Record<string, ConfigObject>> = {
  auth0: {
    mfa: { active: true, return_enroll_settings: true },
    passwordPolicy: 'good',
    brute_force_protection: true,
    strategy_version: 2,
  },
  'google-oauth2': { email: true, profile: true, scope: ['email', 'profile'] },
};

export const connections: ResourceSpec = {
  kind: 'collection',
  type: 'connections',
  description:
    'Connections: database, social and enterprise identity sources, and the clients that use each.',
  key: 'name',
  operations: {
    list: 'GET /connections',
    create: 'POST /connections',
    update: 'PATCH /connections/{id}',
    delete: 'DELETE /connections/{id}',
  },
  fields: {
    secret: [
      'options.client_secret',
      'options.twilio_token',
      'options.password',
      'options.api_key',
      // Custom database settings: the values custom scripts read their credentials from.
      'options.configuration.*',
    ],
    immutable: ['strategy'],
    serverOnly: ['provisioning_ticket_url'],
    defaults: (config) => ({
      is_domain_connection: false,
      // A connection's realm is its own name unless someone chose otherwise.
      ...(typeof config.name === 'string' && { realms: [config.name] }),
      ...(STRATEGY_OPTION_DEFAULTS[String(config.strategy)] && {
        options: STRATEGY_OPTION_DEFAULTS[String(config.strategy)] as ConfigObject,
      }),
    }),
  },
  subResources: [
    {
      field: 'enabled_clients',
      description: 'Names of the clients (applications) that may use this connection.',
      list: 'GET /connections/{id}/clients',
      // Older tenants list them with the connection; current ones only through the endpoint.
      listedAs: 'enabled_clients',
      item: { value: { api: 'client_id', type: 'clients' } },
      write: { style: 'status', operation: 'PATCH /connections/{id}/clients', chunk: 50 },
    },
  ],
};
