// The string formats the Management API document declares beyond JSON Schema's own
// (`callback-url`, `url-with-placeholders`, `organization-name`, …), checked the way the
// API checks them, each with what it expects in words. Formats of ids (`client-id`, …) are
// not here: config names objects by key, never by id, so those fields hold no id to check.

export interface ApiFormat {
  validate(value: string): boolean;
  /** Completes "must be …". */
  expected: string;
}

/** Schemes that run code instead of naming a place: never a redirect target. */
const SCRIPT_SCHEMES = new Set(['javascript', 'data', 'vbscript', 'file']);
const SCHEME_AND_REST = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;
// Auth0 lets a URL hold a `*` for one subdomain label and `{organization_name}`-style placeholders.
const PLACEHOLDER = /\{[A-Za-z0-9_.]+\}/g;

interface UrlRules {
  https?: boolean;
  /** `myapp://callback` for native apps: any scheme but the script ones. */
  anyScheme?: boolean;
  wildcards?: boolean;
  placeholders?: boolean;
}

function isUrl(value: string, rules: UrlRules): boolean {
  const match = SCHEME_AND_REST.exec(value);
  if (!match) return false;
  const [, rawScheme, authority, rest] = match;
  const scheme = rawScheme.toLowerCase();
  if (SCRIPT_SCHEMES.has(scheme)) return false;
  if (rules.https ? scheme !== 'https' : !rules.anyScheme && scheme !== 'http' && scheme !== 'https')
    return false;
  let host = authority;
  if (rules.placeholders) host = host.replace(PLACEHOLDER, 'x');
  if (rules.wildcards) host = host.replace(/(^|[.@])\*(?=\.)/g, '$1x');
  if (host === '' && !(rules.anyScheme && scheme !== 'http' && scheme !== 'https')) return false;
  if (/[\s<>"{}|\\^`*]/.test(host) || /\s/.test(rest)) return false;
  try {
    new URL(`${scheme}://${host}${rules.placeholders ? rest.replace(PLACEHOLDER, 'x') : rest}`);
    return true;
  } catch {
    return false;
  }
}

const orEmpty =
  (check: (value: string) => boolean) =>
  (value: string): boolean =>
    value === '' || check(value);

const URL_TEXT = 'an http(s) URL such as https://app.example.com/path';
const HTTPS_TEXT = 'an absolute https URL such as https://app.example.com/path';

export const API_FORMATS: Readonly<Record<string, ApiFormat>> = {
  'callback-url': {
    validate: (v) => isUrl(v, { anyScheme: true, wildcards: true, placeholders: true }),
    expected:
      'a callback URL: https://app.example.com/callback (a * for one subdomain is allowed), or a native scheme such as com.example.app://callback',
  },
  url: { validate: (v) => isUrl(v, {}), expected: URL_TEXT },
  'url-or-null': { validate: (v) => isUrl(v, {}), expected: URL_TEXT },
  'url-with-placeholders': {
    validate: (v) => isUrl(v, { wildcards: true, placeholders: true }),
    expected: `${URL_TEXT} (a * for one subdomain and {placeholders} are allowed)`,
  },
  'absolute-uri-or-empty': {
    validate: orEmpty((v) => isUrl(v, { anyScheme: true })),
    expected: 'an absolute URL, or empty',
  },
  'absolute-https-uri-or-empty': {
    validate: orEmpty((v) => isUrl(v, { https: true })),
    expected: `${HTTPS_TEXT}, or empty`,
  },
  'absolute-https-uri-with-placeholders-or-empty': {
    validate: orEmpty((v) => isUrl(v, { https: true, placeholders: true })),
    expected: `${HTTPS_TEXT} ({placeholders} are allowed), or empty`,
  },
  'strict-https-uri': { validate: (v) => isUrl(v, { https: true }), expected: HTTPS_TEXT },
  'strict-https-uri-or-null': { validate: (v) => isUrl(v, { https: true }), expected: HTTPS_TEXT },
  'strict-uri': { validate: (v) => isUrl(v, { anyScheme: true }), expected: 'an absolute URL' },
  'email-or-empty': {
    validate: (v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    expected: 'an email address, or empty',
  },
  'html-color': { validate: (v) => /^#([0-9a-fA-F]{3}){1,2}$/.test(v), expected: 'a color such as #0059d6' },
  'html-color-or-null': {
    validate: (v) => /^#([0-9a-fA-F]{3}){1,2}$/.test(v),
    expected: 'a color such as #0059d6',
  },
  // Auth0: lowercase letters, digits, `-` and `_`, starting and ending with a letter or digit.
  'organization-name': {
    validate: (v) => /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/.test(v),
    expected:
      'lowercase letters, digits, - and _, starting and ending with a letter or digit (e.g. globex-travel)',
  },
  'non-empty-string': { validate: (v) => v.trim() !== '', expected: 'a non-empty text' },
};
