import type { Json } from '../openapi/document.ts';
import type { TenantStore } from '../state/tenant-store.ts';
import { signJwt } from './jwt.ts';

export interface TokenReply {
  status: number;
  body: Json;
}

const denied = (status: number, error: string, description: string): TokenReply => ({
  status,
  body: { error, error_description: description },
});

/**
 * `POST /oauth/token`, client credentials only. The token carries the scopes of the client's
 * grant for the Management API (the `is_system` resource server), whatever port it runs on.
 */
export function issueToken(
  store: TenantStore,
  form: Record<string, unknown>,
  issuer: string,
  nowSeconds: number,
): TokenReply {
  if (form.grant_type !== 'client_credentials') {
    return denied(403, 'unsupported_grant_type', `Unsupported grant type: ${String(form.grant_type)}`);
  }
  const client = store.collection('/clients').get(String(form.client_id ?? ''));
  if (!client || client.client_secret !== form.client_secret)
    return denied(401, 'access_denied', 'Unauthorized');
  const audience = String(form.audience ?? '');
  let audiencePath = '';
  try {
    audiencePath = new URL(audience).pathname;
  } catch {}
  if (audiencePath !== '/api/v2/')
    return denied(403, 'access_denied', `Service not enabled within domain: ${audience}`);
  const managementApi = [...store.collection('/resource-servers').values()].find((rs) => rs.is_system);
  const grant = [...store.collection('/client-grants').values()].find(
    (g) => g.client_id === client.client_id && g.audience === managementApi?.identifier,
  );
  if (!grant) {
    return denied(
      403,
      'access_denied',
      `Client is not authorized to access "${audience}". You need to create a "client-grant" associated to this API.`,
    );
  }
  const requested =
    typeof form.scope === 'string' && form.scope !== '' ? new Set(form.scope.split(' ')) : undefined;
  const scope = (grant.scope as string[]).filter((s) => !requested || requested.has(s)).join(' ');
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
