import { conflict, forbidden } from '../http/api-error.ts';
import type { ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';

export function newResourceServer(id: string, body: Json): Json {
  return {
    id,
    name: body.name ?? body.identifier,
    scopes: [],
    signing_alg: 'RS256',
    allow_offline_access: false,
    // Recorded (12 of 13 creates): false, and this default authorization.
    skip_consent_for_verifiable_first_party_clients: false,
    subject_type_authorization: { user: { policy: 'allow_all' }, client: { policy: 'require_client_grant' } },
    token_lifetime: 86400,
    token_lifetime_for_web: 7200,
    enforce_policies: false,
    token_dialect: 'access_token',
    ...body,
    is_system: false,
  };
}

export const resourceServers: ResourceModule = {
  collection: '/resource-servers',
  newId: ({ ids }) => ids.hex(24),
  create: ({ store }, body, id) => {
    if (store.findBy('/resource-servers', 'identifier', body.identifier))
      throw conflict('A resource server with the same identifier already exists', 'conflict');
    return newResourceServer(id, body);
  },
  update: (_context, existing, body) => {
    // The Management API's own scopes are fixed: they are what tokens for it may carry.
    if (existing.is_system && 'scopes' in body) {
      throw forbidden('You cannot update the scopes of a system resource server', 'operation_not_supported');
    }
    return { ...existing, ...body };
  },
  beforeDelete: ({ store }, existing) => {
    if (existing.is_system)
      throw forbidden('You cannot delete a system resource server', 'operation_not_supported');
    const grants = store.collection('/client-grants');
    for (const [id, grant] of grants) if (grant.audience === existing.identifier) grants.delete(id);
  },
  // GET /resource-servers/{id} also takes the identifier (audience).
  findAlternate: ({ store }, key) => store.findBy('/resource-servers', 'identifier', key),
  deleteMissing: 'ok',
  notFound: { message: 'Resource server not found', errorCode: 'inexistent_resource_server' },
  filters: {
    identifiers: (item, value) => (Array.isArray(value) ? value : [value]).includes(item.identifier),
  },
};
