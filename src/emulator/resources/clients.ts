import { hasScope } from '../auth/access.ts';
import { orNotFound } from '../http/api-error.ts';
import { listReply } from '../engine/pagination.ts';
import type { ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';

export const CLIENT_NOT_FOUND = { message: 'The client does not exist', errorCode: 'inexistent_client' };
const NOT_FOUND = CLIENT_NOT_FOUND;
const INTERACTIVE_GRANTS = ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'];

function tenantNameOf(domain: string): string {
  const label = domain.split(/[.:]/)[0];
  // An emulator addressed by IP or localhost has no tenant label of its own.
  return label && /^[a-z][a-z0-9-]*$/i.test(label) && label !== 'localhost' ? label : 'emulator';
}

/** The server-filled fields of a new client, as a real tenant returns them. */
export function clientDefaults(domain: string, body: Json): Json {
  return {
    tenant: tenantNameOf(domain),
    global: false,
    is_first_party: true,
    is_token_endpoint_ip_header_trusted: false,
    oidc_conformant: true,
    sso_disabled: false,
    cross_origin_authentication: false,
    custom_login_page_on: true,
    callbacks: [],
    grant_types: body.app_type === 'non_interactive' ? ['client_credentials'] : INTERACTIVE_GRANTS,
    token_endpoint_auth_method:
      body.app_type === 'spa' || body.app_type === 'native' ? 'none' : 'client_secret_post',
    jwt_configuration: { alg: 'RS256', lifetime_in_seconds: 36000, secret_encoded: false },
    refresh_token: {
      rotation_type: 'non-rotating',
      expiration_type: 'non-expiring',
      leeway: 0,
      token_lifetime: 2592000,
      infinite_token_lifetime: true,
      infinite_idle_token_lifetime: true,
      idle_token_lifetime: 1296000,
    },
  };
}

export const clients: ResourceModule = {
  collection: '/clients',
  idField: 'client_id',
  newId: ({ ids }) => ids.alphanumeric(32),
  create: ({ domain, ids }, body, id) => ({
    ...clientDefaults(domain, body),
    ...body,
    client_id: id,
    client_secret: body.client_secret ?? ids.alphanumeric(64),
  }),
  // The real API answers client_secret only to tokens holding read:client_keys.
  present: ({ claims }, stored) => {
    if (hasScope(claims, 'read:client_keys')) return stored;
    const { client_secret: _secret, ...rest } = stored;
    return rest;
  },
  beforeDelete: ({ store }, existing) => {
    const grants = store.collection('/client-grants');
    for (const grant of store.filterBy('/client-grants', 'client_id', existing.client_id))
      grants.delete(grant.id);
    const connections = store.collection('/connections');
    for (const [id, connection] of connections) {
      if (
        Array.isArray(connection.enabled_clients) &&
        connection.enabled_clients.includes(existing.client_id)
      ) {
        connections.set(id, {
          ...connection,
          enabled_clients: connection.enabled_clients.filter((c: string) => c !== existing.client_id),
        });
      }
    }
  },
  deleteMissing: 'ok',
  notFound: NOT_FOUND,
  filters: {
    is_global: (item, value) => String(item.global === true) === String(value),
    is_first_party: (item, value) => String(item.is_first_party === true) === String(value),
    app_type: (item, value) => String(value).split(',').includes(item.app_type),
  },
  routes: {
    // The connections a client is enabled on live on the connections themselves.
    'get /clients/{id}/connections': (context) => {
      orNotFound(context.store.collection('/clients').get(context.params.id), NOT_FOUND);
      const enabled = [...context.store.collection('/connections').values()].filter((c) =>
        (c.enabled_clients ?? []).includes(context.params.id),
      );
      return listReply(context, enabled, { key: 'connections' });
    },
    'post /clients/{id}/rotate-secret': (context) => {
      const items = context.store.collection('/clients');
      const existing = orNotFound(items.get(context.params.id), NOT_FOUND);
      const rotated = { ...existing, client_secret: context.ids.alphanumeric(64) };
      items.set(existing.client_id, rotated);
      context.store.changed();
      return { status: context.operation.successStatus, body: rotated };
    },
  },
};
