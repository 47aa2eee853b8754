import { hasScope } from '../auth/access.ts';
import { orNotFound } from '../http/api-error.ts';
import { listReply } from '../engine/pagination.ts';
import type { ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';

export const CLIENT_NOT_FOUND = { message: 'The client does not exist', errorCode: 'inexistent_client' };
const NOT_FOUND = CLIENT_NOT_FOUND;
const INTERACTIVE_GRANTS = ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'];

/** The tenant's name as the global client carries it in `tenant`. */
export function tenantNameOf(domain: string): string {
  const label = domain.split(/[.:]/)[0];
  // An emulator addressed by IP or localhost has no tenant label of its own.
  return label && /^[a-z][a-z0-9-]*$/i.test(label) && label !== 'localhost' ? label : 'emulator';
}

const isPlainObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A client's signing certificate, as `signing_keys` lists it (recorded redacted; the shape is a PEM). */
function signingKeys(clientId: string): Json[] {
  const body = Buffer.from(`tenantform emulator signing key for ${clientId}`).toString('base64');
  return [
    {
      cert: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
      pkcs7: `-----BEGIN PKCS7-----\n${body}\n-----END PKCS7-----\n`,
      subject: 'deprecated',
    },
  ];
}

/**
 * The server-filled fields of a new client, as the real API answers a create (recorded, 54
 * creates): no `callbacks`, `tenant` or `global` unless given, `oidc_conformant: false`, the
 * four grant types (three for clients without a secret), a JWT configuration without `alg`.
 */
export function clientDefaults(body: Json): Json {
  const secretless =
    body.token_endpoint_auth_method === 'none' || body.app_type === 'spa' || body.app_type === 'native';
  return {
    is_first_party: true,
    is_token_endpoint_ip_header_trusted: false,
    oidc_conformant: false,
    sso_disabled: false,
    cross_origin_authentication: false,
    custom_login_page_on: true,
    grant_types: secretless ? INTERACTIVE_GRANTS.slice(0, 3) : INTERACTIVE_GRANTS,
    token_endpoint_auth_method: secretless ? 'none' : 'client_secret_post',
    jwt_configuration: { lifetime_in_seconds: 36000, secret_encoded: false },
    refresh_token: {
      rotation_type: 'non-rotating',
      expiration_type: 'non-expiring',
      leeway: 0,
      token_lifetime: 31557600,
      infinite_token_lifetime: true,
      infinite_idle_token_lifetime: true,
      idle_token_lifetime: 2592000,
    },
  };
}

export const clients: ResourceModule = {
  collection: '/clients',
  idField: 'client_id',
  newId: ({ ids }) => ids.alphanumeric(32),
  create: ({ ids }, body, id) => ({
    ...clientDefaults(body),
    signing_keys: signingKeys(id),
    ...body,
    client_id: id,
    client_secret: body.client_secret ?? ids.alphanumeric(64),
  }),
  // Nested settings merge into what is there (recorded: PATCH `jwt_configuration: {alg}` keeps
  // `lifetime_in_seconds`); everything else is replaced.
  update: (_context, existing, body) => {
    const updated = { ...existing, ...body };
    for (const field of ['jwt_configuration', 'refresh_token'])
      if (isPlainObject(body[field]) && isPlainObject(existing[field]))
        updated[field] = { ...existing[field], ...body[field] };
    // A client moved to credentials is sent `token_endpoint_auth_method: null` and reads without it (recorded).
    if (body.token_endpoint_auth_method === null) delete updated.token_endpoint_auth_method;
    return updated;
  },
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
