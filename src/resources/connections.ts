// Connections (database, social, enterprise). Natural key: name; the strategy cannot
// change in place. Enabled clients are written by client name, through the connection's
// clients endpoint (at most 50 changes a request); inbound SCIM and Google Workspace
// directory provisioning at endpoints of their own (connection-scim.ts,
// connection-directory-provisioning.ts).

import type { ConfigObject } from '../core/json.ts';
import { directoryProvisioning, directoryProvisioningSchema } from './connection-directory-provisioning.ts';
import { canonicalScim, scim, scimSchema } from './connection-scim.ts';
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
  configFields: {
    add: { scim_configuration: scimSchema, directory_provisioning: directoryProvisioningSchema },
  },
  fields: {
    // Every strategy's credentials (recorded requests, the API document's connection options).
    secret: [
      'options.client_secret',
      // Apple: the team's private key; Twitter: the consumer secret.
      'options.app_secret',
      'options.consumer_secret',
      'options.twilio_token',
      // Custom SMS gateways: the key their tokens are signed with.
      'options.gateway_authentication.secret',
      // OAuth2: headers sent to the provider, usually carrying its credentials.
      'options.customHeaders.*',
      // SAML: the private halves of the signing and decryption key pairs.
      'options.signing_key.key',
      'options.decryptionKey.key',
      'options.password',
      'options.api_key',
      // Custom database settings: the values custom scripts read their credentials from.
      'options.configuration.*',
    ],
    immutable: ['strategy'],
    sets: {
      'scim_configuration.mapping': ['auth0', 'scim'],
      'directory_provisioning.mapping': ['idp', 'auth0'],
    },
    // The issuer's discovery document the API fetches for an OIDC connection is the server's.
    serverOnly: ['provisioning_ticket_url', 'options.oidc_metadata'],
    // A custom database's scripts (login, get_user, …): one file each.
    files: { 'options.customScripts.*': '.js' },
    defaults: (config) => ({
      is_domain_connection: false,
      // A connection's realm is its own name unless someone chose otherwise.
      ...(typeof config.name === 'string' && { realms: [config.name] }),
      ...(STRATEGY_OPTION_DEFAULTS[String(config.strategy)] && {
        options: STRATEGY_OPTION_DEFAULTS[String(config.strategy)] as ConfigObject,
      }),
    }),
  },
  // A database whose passwords were imported hashed: the action that checks them, by name.
  refs: [
    {
      path: 'options.custom_password_hash.action',
      api: 'options.custom_password_hash.action_id',
      type: 'actions',
    },
  ],
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
  hooks: {
    readMore: async (ctx, raw) => ({
      ...(await scim.read(ctx, raw)),
      ...(await directoryProvisioning.read(ctx, raw)),
    }),
    fromApi: (raw) => directoryProvisioning.toConfig(scim.toConfig(raw)),
    canonical: canonicalScim,
    toApi: (body) => directoryProvisioning.withoutField(scim.withoutField(body)),
    afterWrite: async (ctx, record, desired) => {
      await scim.write(ctx, record.id, desired);
      await directoryProvisioning.write(ctx, record.id, desired);
    },
  },
};
