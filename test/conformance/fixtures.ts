// One small fixture per resource type, run by the conformance suite (conformance.test.ts):
// a valid object, the objects it needs, a one-field change, and where the type has one, a
// change that forces a replace. Adding a type adds a fixture here, not an end-to-end file.
// Fields at the type's secret paths get distinctive values from the suite (as ${VAR}s).

import type { Json } from '../../src/core/json.ts';

export interface TypeFixture {
  /** Config sections the object refers to, applied before it. */
  needs?: Record<string, Json>;
  /** Map sections: the key parts under which the object is written. */
  mapKey?: readonly string[];
  /** The object as config writes it (for a map section with a value field, that field's value). */
  object: Json;
  /**
   * A change of one field (dotted path inside the object), and the writes it takes (default 1).
   * Left out only for types whose every field but the key is write-only (nothing to compare).
   */
  change?: { path: string; value: Json; writes?: number };
  /** Fields (dotted paths) set to values the type can only take by replacing the object; `reason` is the field named. */
  replace?: { set: Readonly<Record<string, Json>>; reason: string };
  /** Types whose objects cannot be deleted or reset (singletons): the deletion steps are skipped. */
  undeletable?: boolean;
  /**
   * Families read only where config names them (35 prompts × 80 languages): an object left
   * out of config is not read, so not seen as unmanaged either; the deletion steps are skipped.
   */
  readOnlyWhenNamed?: boolean;
}

const api = {
  identifier: 'https://api.conformance.example',
  name: 'Conformance API',
  scopes: [
    { value: 'read:things', description: 'Read things' },
    { value: 'write:things', description: 'Write things' },
  ],
};
const m2m = { name: 'Conformance Worker', app_type: 'non_interactive', grant_types: ['client_credentials'] };
const db = { name: 'conformance-db', strategy: 'auth0', options: { passwordPolicy: 'fair' } };
const action = {
  name: 'conformance-action',
  runtime: 'node22',
  code: 'exports.onExecutePostLogin = async () => {};\n',
  supported_triggers: [{ id: 'post-login', version: 'v3' }],
};

const actionModule = {
  name: 'conformance-module',
  code: "module.exports = { greet: (name) => 'Hello, ' + name };\n",
};
const attributeProfile = {
  name: 'conformance-attributes',
  user_attributes: {
    email: { description: 'Email', label: 'Email', profile_required: true, auth0_mapping: 'email' },
  },
};
const exchangeAction = {
  name: 'conformance-exchange',
  runtime: 'node22',
  code: 'exports.onExecuteCustomTokenExchange = async () => {};\n',
  supported_triggers: [{ id: 'custom-token-exchange', version: 'v1' }],
};

export const FIXTURES: Readonly<Record<string, TypeFixture>> = {
  tenant: {
    object: { friendly_name: 'Conformance Inc', support_email: 'help@conformance.example' },
    change: { path: 'friendly_name', value: 'Conformance Ltd' },
    undeletable: true,
  },
  clients: {
    object: {
      name: 'Conformance SPA',
      app_type: 'spa',
      callbacks: ['https://app.conformance.example/callback'],
      jwt_configuration: { lifetime_in_seconds: 3600 },
      client_metadata: { team: 'identity' },
    },
    change: { path: 'jwt_configuration.lifetime_in_seconds', value: 7200 },
  },
  resource_servers: {
    object: { ...api, token_lifetime: 3600 },
    change: { path: 'token_lifetime', value: 1800 },
  },
  client_grants: {
    needs: { clients: [m2m], resource_servers: [api] },
    object: { client: m2m.name, audience: api.identifier, scope: ['write:things', 'read:things'] },
    change: { path: 'scope', value: ['read:things'] },
  },
  connections: {
    needs: { clients: [m2m] },
    object: { ...db, enabled_clients: [m2m.name] },
    change: { path: 'options.passwordPolicy', value: 'good' },
    replace: { set: { strategy: 'google-oauth2', options: {} }, reason: 'strategy' },
  },
  organizations: {
    needs: { connections: [db] },
    object: {
      name: 'conformance-org',
      display_name: 'Conformance Org',
      enabled_connections: [{ connection: db.name, assign_membership_on_login: true }],
    },
    change: { path: 'display_name', value: 'Conformance Organisation' },
  },
  roles: {
    needs: { resource_servers: [api] },
    object: {
      name: 'Conformance Role',
      description: 'Reads things.',
      permissions: [{ resource_server: api.identifier, name: 'read:things' }],
    },
    change: { path: 'description', value: 'Reads all things.' },
  },
  actions: {
    needs: { action_modules: [actionModule] },
    object: {
      ...action,
      secrets: [{ name: 'API_KEY', value: 'set by the suite' }],
      modules: [{ module_name: actionModule.name, module_version_number: 1 }],
    },
    // The update, then the deploy of what it built.
    change: { path: 'code', value: 'exports.onExecutePostLogin = async (e) => { e; };\n', writes: 2 },
  },
  action_modules: {
    object: { ...actionModule, secrets: [{ name: 'MODULE_KEY', value: 'set by the suite' }] },
    // The update, then the version it publishes.
    change: { path: 'code', value: "module.exports = { greet: (name) => 'Hi, ' + name };\n", writes: 2 },
  },
  triggers: {
    needs: { actions: [action] },
    mapKey: ['post-login'],
    object: [action.name],
    change: { path: 'bindings', value: [{ action: action.name, display_name: 'Conformance' }] },
  },
  log_streams: {
    object: {
      name: 'Conformance stream',
      type: 'http',
      sink: {
        httpEndpoint: 'https://logs.conformance.example',
        httpContentType: 'application/json',
        httpContentFormat: 'JSONLINES',
        httpAuthorization: 'set by the suite',
      },
    },
    change: { path: 'sink.httpEndpoint', value: 'https://logs2.conformance.example' },
    replace: {
      set: { type: 'datadog', sink: { datadogApiKey: 'dd-key', datadogRegion: 'eu' } },
      reason: 'type',
    },
  },
  custom_domains: {
    object: { domain: 'login.conformance.example', type: 'auth0_managed_certs', tls_policy: 'recommended' },
    change: { path: 'custom_client_ip_header', value: 'cf-connecting-ip' },
    replace: { set: { type: 'self_managed_certs' }, reason: 'type' },
  },
  email_provider: {
    object: {
      name: 'sendgrid',
      default_from_address: 'mail@conformance.example',
      credentials: { api_key: 'set by the suite' },
    },
    change: { path: 'default_from_address', value: 'noreply@conformance.example' },
    undeletable: true,
  },
  email_templates: {
    object: {
      template: 'welcome_email',
      body: '<p>Welcome, {{ user.name }}.</p>\n',
      from: 'hello@conformance.example',
      subject: 'Welcome',
      syntax: 'liquid',
      enabled: true,
    },
    change: { path: 'subject', value: 'Welcome aboard' },
  },
  phone_providers: {
    object: {
      name: 'twilio',
      configuration: { sid: 'AC-conformance', default_from: '+15550100', delivery_methods: ['text'] },
      credentials: { auth_token: 'set by the suite' },
    },
    change: { path: 'configuration.default_from', value: '+15550101' },
  },
  phone_templates: {
    object: {
      type: 'otp_verify',
      content: { from: '+15550100', body: { text: 'Your code is @{code}', voice: 'Your code is @{code}' } },
    },
    change: { path: 'content.body.text', value: 'Your Conformance code is @{code}' },
  },
  user_attribute_profiles: {
    object: attributeProfile,
    change: { path: 'user_attributes.email.label', value: 'Email address' },
  },
  connection_profiles: {
    object: {
      name: 'conformance-connections',
      organization: { show_as_button: 'optional', assign_membership_on_login: 'required' },
      connection_name_prefix_template: 'conformance',
      enabled_features: ['scim', 'universal_logout'],
    },
    change: { path: 'connection_name_prefix_template', value: 'conformance-sso' },
  },
  self_service_profiles: {
    needs: { user_attribute_profiles: [attributeProfile] },
    object: {
      name: 'conformance-sso',
      description: 'Self-service SSO for Conformance customers',
      allowed_strategies: ['oidc', 'samlp'],
      user_attribute_profile: attributeProfile.name,
      branding: { colors: { primary: '#0059d6' } },
    },
    change: { path: 'description', value: 'SSO for Conformance customers' },
  },
  token_exchange_profiles: {
    needs: { actions: [exchangeAction] },
    object: {
      name: 'conformance-exchange',
      subject_token_type: 'https://conformance.example/legacy-token',
      action: exchangeAction.name,
      type: 'custom_authentication',
    },
    change: { path: 'name', value: 'conformance-legacy-exchange' },
  },
  rules: {
    object: {
      name: 'conformance-rule',
      script: 'function (user, context, callback) { callback(null, user, context); }\n',
      enabled: true,
    },
    change: { path: 'enabled', value: false },
  },
  hooks: {
    object: {
      name: 'conformance-hook',
      triggerId: 'pre-user-registration',
      script: 'module.exports = function (user, context, cb) { cb(null, { user }); };\n',
      enabled: true,
      secrets: { API_KEY: 'set by the suite' },
    },
    // The hook, then its secrets (written with it: their values cannot be read back).
    change: { path: 'enabled', value: false, writes: 2 },
    replace: { set: { triggerId: 'post-user-registration' }, reason: 'triggerId' },
  },
  rules_configs: {
    // The value is write-only, and the key is the object: nothing can change in place.
    object: { key: 'CONFORMANCE_API_URL', value: 'set by the suite' },
  },
  prompt_custom_text: {
    mapKey: ['login', 'en'],
    object: { login: { title: 'Welcome back', description: 'Log in to Conformance' } },
    change: { path: 'login.title', value: 'Hello again' },
    readOnlyWhenNamed: true,
  },
};
