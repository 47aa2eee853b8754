import { hasScope } from '../auth/access.ts';
import { conflict, forbidden, orNotFound } from '../http/api-error.ts';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import type { Json } from '../openapi/document.ts';
import { tenantNameOf } from './clients.ts';
import { metaOf } from '../state/emulator-meta.ts';

/** Options a real tenant fills in, per strategy (recorded: the answers to 45 creates). */
const OIDC_OPTIONS = {
  schema_version: 'oidc-V4',
  attribute_map: { mapping_mode: 'bind_all' },
  connection_settings: { pkce: 'auto' },
};
const STRATEGY_OPTION_DEFAULTS: Record<string, Json> = {
  auth0: {
    mfa: { active: true, return_enroll_settings: true },
    passwordPolicy: 'good',
    brute_force_protection: true,
    strategy_version: 2,
    passkey_options: {
      challenge_ui: 'both',
      local_enrollment_enabled: true,
      progressive_enrollment_enabled: true,
    },
    // Read back by every GET of a database connection (recorded, 147 of 158).
    authentication_methods: {
      passkey: { enabled: false },
      password: { enabled: true, api_behavior: 'required', signup_behavior: 'allow' },
    },
  },
  'google-oauth2': { email: true, profile: true, scope: ['email', 'profile'] },
  'google-apps': { email: true, profile: true, scope: ['email', 'profile'], handle_login_from_social: true },
  oidc: OIDC_OPTIONS,
  okta: { ...OIDC_OPTIONS, attribute_map: { mapping_mode: 'basic_profile' }, type: 'back_channel' },
  apple: { scope: 'name email' },
  line: { profile: true },
};

/** Options a PATCH that replaces `options` leaves in place unless it names them (recorded). */
const OIDC_KEPT = ['schema_version', 'attribute_map', 'connection_settings'];
const KEPT_ON_REPLACE: Record<string, string[]> = {
  auth0: ['passkey_options', 'authentication_methods'],
  oidc: OIDC_KEPT,
  okta: OIDC_KEPT,
};

/** Strategies whose connections answer `authentication` and `connected_accounts` (recorded). */
const WITH_PURPOSES = new Set([
  'auth0',
  'oidc',
  'okta',
  'samlp',
  'oauth2',
  'line',
  'google-apps',
  'google-oauth2',
]);
/** Enterprise strategies answer `show_as_button: false` unless told. */
const ENTERPRISE = new Set(['oidc', 'okta', 'samlp', 'waad', 'adfs', 'pingfederate', 'google-apps', 'ad']);
/** Strategies set up through a provisioning ticket (recorded: `provisioning_ticket_url`). */
const TICKETED = new Set(['samlp', 'waad', 'adfs', 'pingfederate', 'google-apps', 'ad']);

export const CONNECTION_NOT_FOUND = {
  message: 'The connection does not exist',
  errorCode: 'inexistent_connection',
};

/**
 * Authentication methods as the server completes them: each named method gets its unsaid
 * settings (recorded: `password: {enabled: true}` reads back with `api_behavior` and
 * `signup_behavior`).
 */
function withMethodsCompleted(options: Json): Json {
  const methods: Json = { ...STRATEGY_OPTION_DEFAULTS.auth0.authentication_methods };
  for (const [name, setting] of Object.entries<Json>(options.authentication_methods ?? {}))
    methods[name] = { ...(methods[name] ?? {}), ...setting };
  return { ...options, authentication_methods: methods };
}

/** What a create's options become for a database connection: the defaults beneath, methods completed. */
function serverOptions(strategy: string, options: Json): Json {
  if (strategy === 'auth0') return withMethodsCompleted(options);
  return OIDC_STRATEGIES.has(strategy) ? withOidcMetadata(options) : options;
}

const OIDC_STRATEGIES = new Set(['oidc', 'okta']);
const OIDC_ENDPOINTS = [
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
];

/**
 * The real API keeps `oidc_metadata`, the issuer's discovery document, beside an OIDC
 * connection's options (recorded). The emulator has no network to fetch it: it keeps the
 * part the connection itself names (its issuer and endpoints), which is what clients rely on.
 */
function withOidcMetadata(options: Json): Json {
  if (options.oidc_metadata !== undefined || typeof options.issuer !== 'string') return options;
  const named = OIDC_ENDPOINTS.filter((field) => typeof options[field] === 'string');
  return { ...options, oidc_metadata: Object.fromEntries(named.map((field) => [field, options[field]])) };
}

/** A new connection as the API stores it; `tenant` names the tenant in provisioning URLs. */
export function newConnection(id: string, body: Json, tenant = 'emulator'): Json {
  const defaults = STRATEGY_OPTION_DEFAULTS[body.strategy] ?? {};
  const purposes = WITH_PURPOSES.has(body.strategy)
    ? { authentication: { active: true }, connected_accounts: { active: false } }
    : {};
  return {
    id,
    options: { ...defaults },
    ...purposes,
    ...(ENTERPRISE.has(body.strategy) ? { show_as_button: false } : {}),
    ...(TICKETED.has(body.strategy)
      ? {
          provisioning_ticket_url: `https://${tenant}.auth0.com/p/${body.strategy}/${id.replace(/^con_/, '')}`,
        }
      : {}),
    ...body,
    ...(body.options ? { options: serverOptions(body.strategy, { ...defaults, ...body.options }) } : {}),
    realms: body.realms ?? [body.name],
    enabled_clients: body.enabled_clients ?? [],
    is_domain_connection: body.is_domain_connection ?? false,
  };
}

const requireConnection = (context: RequestContext): Json =>
  orNotFound(context.store.collection('/connections').get(context.params.id), CONNECTION_NOT_FOUND);

export const connections: ResourceModule = {
  collection: '/connections',
  newId: ({ ids }) => ids.prefixed('con'),
  create: ({ store, domain }, body, id) => {
    if (store.findBy('/connections', 'name', body.name))
      throw conflict('A connection with the same name already exists', 'connection_conflict');
    return newConnection(id, body, tenantNameOf(domain));
  },
  // PATCH replaces `options` whole: whatever the body omits from options is gone.
  update: ({ claims }, existing, body) => {
    if ('options' in body && !hasScope(claims, 'update:connections_options')) {
      throw forbidden(
        'Insufficient scope, expected any of: update:connections_options',
        'insufficient_scope',
      );
    }
    // PATCH replaces `options` whole, except the parts the server manages itself, which a
    // body without them keeps (recorded: a database connection keeps passkey_options and
    // authentication_methods, an oidc one its schema_version and attribute_map).
    if (!body.options) return { ...existing, ...body };
    const kept = Object.fromEntries(
      (KEPT_ON_REPLACE[existing.strategy] ?? [])
        .filter((field) => existing.options?.[field] !== undefined)
        .map((field) => [field, existing.options[field]]),
    );
    return { ...existing, ...body, options: serverOptions(existing.strategy, { ...kept, ...body.options }) };
  },
  // Recorded: DELETE answers 202 with the time the deletion was accepted.
  deleteReply: (context) => ({ deleted_at: context.now().toISOString() }),
  present: ({ claims, operation, store }, stored) => {
    let shown = stored;
    // enabled_clients is deprecated: current tenants answer it in the create response only (the
    // newest recordings' GET and PATCH answers lack it); reads take GET /connections/{id}/clients.
    if (operation.method !== 'post' && !metaOf(store).legacy_enabled_clients) {
      const { enabled_clients: _enabled, ...rest } = shown;
      shown = rest;
    }
    // Options can hold secrets: the real API shows them only to tokens with read:connections_options.
    if (hasScope(claims, 'read:connections_options')) return shown;
    const { options: _options, ...rest } = shown;
    return rest;
  },
  notFound: CONNECTION_NOT_FOUND,
  filters: {
    strategy: (item, value) => (Array.isArray(value) ? value : [value]).includes(item.strategy),
  },
  routes: {
    'get /connections/{id}/clients': (context) => {
      const connection = requireConnection(context);
      const enabled = (connection.enabled_clients ?? []).map((client_id: string) => ({ client_id }));
      // Always checkpoint-paged: with neither from nor take, the first 50.
      const query =
        context.query.from === undefined && context.query.take === undefined
          ? { ...context.query, take: 50 }
          : context.query;
      return listReply(context, enabled, { key: 'clients', checkpoint: true }, query);
    },
    'patch /connections/{id}/clients': (context) => {
      const connection = requireConnection(context);
      const enabled = new Set<string>(connection.enabled_clients ?? []);
      for (const change of Array.isArray(context.body) ? context.body : []) {
        if (change.status === false) enabled.delete(change.client_id);
        else enabled.add(change.client_id);
      }
      context.store
        .collection('/connections')
        .set(connection.id, { ...connection, enabled_clients: [...enabled] });
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
