// Applications. Natural key: name. The global client ("All Applications") and the client
// tenantform runs as are system objects. Private-key JWT and mTLS credentials are written
// through the client's credentials endpoint (client-credentials.ts). The express (Okta OIN)
// and My Organization settings name profiles and other clients: by name in config, as
// auth0-deploy-cli writes them, ids in the API.

import {
  canonicalCredentials,
  credentialsSchema,
  credentialsToConfig,
  readCredentials,
  withoutCredentials,
  writeCredentials,
} from './client-credentials.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const clients: ResourceSpec = {
  kind: 'collection',
  type: 'clients',
  description: 'Applications (clients): SPAs, regular web apps, native and machine-to-machine apps.',
  key: 'name',
  idField: 'client_id',
  operations: {
    list: 'GET /clients',
    create: 'POST /clients',
    update: 'PATCH /clients/{id}',
    delete: 'DELETE /clients/{id}',
  },
  configFields: { add: { client_authentication_methods: credentialsSchema } },
  refs: [
    { path: 'express_configuration.user_attribute_profile_id', type: 'user_attribute_profiles' },
    { path: 'express_configuration.connection_profile_id', type: 'connection_profiles' },
    { path: 'my_organization_configuration.user_attribute_profile_id', type: 'user_attribute_profiles' },
    { path: 'my_organization_configuration.connection_profile_id', type: 'connection_profiles' },
    // The OIN client Okta uses, the clients linked to it, and where invitations land.
    { path: 'express_configuration.okta_oin_client_id', type: 'clients' },
    { path: 'express_configuration.linked_clients.*.client_id', type: 'clients' },
    { path: 'my_organization_configuration.invitation_landing_client_id', type: 'clients' },
  ],
  fields: {
    // The client's own secret, and the addons' keys and passwords (ClientAddon* in the API document).
    secret: [
      'client_secret',
      'addons.azure_blob.storageAccessKey',
      'addons.azure_sb.sasKey',
      'addons.firebase.secret',
      'addons.*.private_key',
      'addons.layer.privateKey',
      'addons.sap_api.servicePassword',
      'addons.wams.masterkey',
    ],
    // The credentials endpoint never returns a PEM.
    writeOnly: ['client_authentication_methods.*.credentials.*.pem'],
    // Refresh-token settings, not a token.
    notSecret: ['refresh_token'],
    // Set for clients that are themselves an API; fixed once created.
    immutable: ['resource_server_identifier'],
    // What a client created without these fields reads back with (recorded creates), and
    // what the API assumes for the organization settings a new client reads back without.
    defaults: {
      is_first_party: true,
      is_token_endpoint_ip_header_trusted: false,
      oidc_conformant: false,
      sso_disabled: false,
      cross_origin_authentication: false,
      custom_login_page_on: true,
      callbacks: [],
      allowed_origins: [],
      web_origins: [],
      allowed_logout_urls: [],
      client_aliases: [],
      allowed_clients: [],
      organization_usage: 'deny',
      organization_require_behavior: 'no_prompt',
      jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false },
      refresh_token: {
        rotation_type: 'non-rotating',
        expiration_type: 'non-expiring',
        leeway: 0,
        token_lifetime: 31557600,
        infinite_token_lifetime: true,
        infinite_idle_token_lifetime: true,
        idle_token_lifetime: 2592000,
      },
    },
  },
  isSystem: (raw, ctx) => raw.global === true || raw.client_id === ctx.deployerClientId,
  hooks: {
    readMore: readCredentials,
    fromApi: credentialsToConfig,
    canonical: canonicalCredentials,
    toApi: withoutCredentials,
    afterWrite: (ctx, record, desired) => writeCredentials(ctx, record.id, desired, record.raw),
  },
};
