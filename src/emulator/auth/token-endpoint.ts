import type { Json } from '../openapi/document.ts';
import type { TenantStore } from '../state/tenant-store.ts';
import { signJwt } from './jwt.ts';

export interface TokenReply {
  status: number;
  body: Json;
}

const denied = (status: number, error: string, description: string, extra: Json = {}): TokenReply => ({
  status,
  body: { error, error_description: description, ...extra },
});

export interface TokenRequest {
  store: TenantStore;
  form: Record<string, unknown>;
  issuer: string;
  /** The audiences that name the Management API (they map to the `is_system` resource server). */
  managementAudiences: ReadonlySet<string>;
  nowSeconds: number;
}

/**
 * `POST /oauth/token`, client credentials only, refusing as Auth0 does: unknown client or
 * wrong secret 401 `access_denied`/`Unauthorized`; a client not allowed the grant type 403
 * `unauthorized_client`; an audience that is no API of the tenant 403 `Service not enabled
 * within domain`; an API the client has no grant for 403. The token carries that grant's
 * scopes and the audience asked for; the Management API accepts only its own audience.
 */
export function issueToken({
  store,
  form,
  issuer,
  managementAudiences,
  nowSeconds,
}: TokenRequest): TokenReply {
  if (form.grant_type !== 'client_credentials') {
    return denied(403, 'unsupported_grant_type', `Unsupported grant type: ${String(form.grant_type)}`);
  }
  const client = store.collection('/clients').get(String(form.client_id ?? ''));
  if (!client || typeof client.client_secret !== 'string' || client.client_secret !== form.client_secret)
    return denied(401, 'access_denied', 'Unauthorized');
  if (Array.isArray(client.grant_types) && !client.grant_types.includes('client_credentials')) {
    return denied(403, 'unauthorized_client', "Grant type 'client_credentials' not allowed for the client.", {
      error_uri: 'https://auth0.com/docs/clients/client-grant-types',
    });
  }
  const audience = String(form.audience ?? '');
  const api = managementAudiences.has(audience)
    ? store.findBy('/resource-servers', 'is_system', true)
    : store.findBy('/resource-servers', 'identifier', audience);
  if (!api) return denied(403, 'access_denied', `Service not enabled within domain: ${audience}`);
  const grant = store
    .filterBy('/client-grants', 'client_id', client.client_id)
    .find((g) => g.audience === api.identifier);
  if (!grant) {
    return denied(
      403,
      'access_denied',
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
    );
  }
  const requested =
    typeof form.scope === 'string' && form.scope !== '' ? new Set(form.scope.split(' ')) : undefined;
  const scope = ((grant.scope ?? []) as string[]).filter((s) => !requested || requested.has(s)).join(' ');
  const expiresIn = 86400;
  const accessToken = signJwt(
    {
      iss: issuer,
      sub: `${client.client_id}@clients`,
      aud: audience,
      iat: nowSeconds,
      exp: nowSeconds + expiresIn,
      azp: client.client_id,
      gty: 'client-credentials',
      scope,
    },
    store.signingSecret,
  );
  return {
    status: 200,
    body: { access_token: accessToken, scope, expires_in: expiresIn, token_type: 'Bearer' },
  };
}
