// AUTH0_DOMAIN is either a bare host (a real tenant, always https) or a full URL (the emulator,
// where scheme and port matter). Both map to the same three endpoints.

export interface TenantEndpoints {
  /** Management API base, no trailing slash: https://HOST/api/v2 */
  apiBaseUrl: string;
  /** Client-credentials token endpoint: https://HOST/oauth/token */
  tokenUrl: string;
  /** Audience for client credentials, with the trailing slash Auth0 expects: https://HOST/api/v2/ */
  audience: string;
}

export function parseAuth0Domain(domain: string): TenantEndpoints {
  const trimmed = domain.trim();
  if (!trimmed) throw new Error('AUTH0_DOMAIN is empty: set it to a tenant host or a URL');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    throw new Error(`AUTH0_DOMAIN is not a host or URL: ${JSON.stringify(domain)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`AUTH0_DOMAIN must use http or https, got ${url.protocol}`);
  }
  // A bare host keeps nothing but the host (and port); a URL keeps a path prefix if one is given,
  // but a pasted ".../api/v2" is not doubled.
  const prefix = hasScheme ? url.pathname.replace(/\/+$/, '').replace(/\/api\/v2$/, '') : '';
  const root = `${url.protocol}//${url.host}${prefix}`;
  return {
    apiBaseUrl: `${root}/api/v2`,
    tokenUrl: `${root}/oauth/token`,
    audience: `${root}/api/v2/`,
  };
}
