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
  /** A change of one field (dotted path inside the object), and the writes it takes (default 1). */
  change: { path: string; value: Json; writes?: number };
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
    object: { ...action, secrets: [{ name: 'API_KEY', value: 'set by the suite' }] },
    // The update, then the deploy of what it built.
    change: { path: 'code', value: 'exports.onExecutePostLogin = async (e) => { e; };\n', writes: 2 },
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
      // A secret is never written literally: the suite's first secret variable is reused.
      set: { type: 'datadog', sink: { datadogApiKey: '${CONFORMANCE_SECRET_0}', datadogRegion: 'eu' } },
      reason: 'type',
    },
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
  prompt_custom_text: {
    mapKey: ['login', 'en'],
    object: { login: { title: 'Welcome back', description: 'Log in to Conformance' } },
    change: { path: 'login.title', value: 'Hello again' },
    readOnlyWhenNamed: true,
  },
};
