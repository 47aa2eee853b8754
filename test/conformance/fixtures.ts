// One small fixture per resource type, run by the conformance suite (conformance.test.ts):
// a valid object, the objects it needs, a one-field change, and where the type has one, a
// change that forces a replace. Adding a type adds a fixture here, not an end-to-end file.
// Fields at the type's secret paths get distinctive values from the suite (as ${VAR}s).

import type { Json } from '../../src/core/json.ts';
import { brandingTheme } from '../fixtures/branding-theme.ts';

export interface TypeFixture {
  /** Config sections the object refers to, applied before it. */
  needs?: Record<string, Json>;
  /** Map sections: the key parts under which the object is written. */
  mapKey?: readonly string[];
  /** The object as config writes it (for a map section with a value field, that field's value). */
  object: Json;
  /**
   * A change of one field (dotted path inside the object), and the writes it takes (default 1).
   * None where the only fields that change in place are the key and write-only secrets.
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
  /**
   * Types with nothing readable but write-only secrets (the FCM push providers): the tenant
   * never shows whether one is set, so config decides: the first apply writes it; export
   * writes nothing of the type.
   */
  unreadable?: boolean;
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

const mfaTexts = {
  enrollment_message: 'Your Conformance enrollment code is {{code}}',
  verification_message: 'Your Conformance code is {{code}}',
};

const loginTemplate = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>\n`;
// Created without its setup, as recorded (TestAccVaultConnection): the setup is write-only.
const vaultConnection = { name: 'conformance-vault', app_id: 'HTTP' };
const flow = {
  name: 'conformance-flow',
  actions: [
    {
      id: 'notify',
      type: 'HTTP',
      action: 'SEND_REQUEST',
      params: {
        connection_id: vaultConnection.name,
        url: 'https://hooks.conformance.example',
        method: 'POST',
      },
    },
  ],
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
const connectionProfile = {
  name: 'conformance-connections',
  organization: { show_as_button: 'optional', assign_membership_on_login: 'required' },
  connection_name_prefix_template: 'conformance',
  enabled_features: ['scim', 'universal_logout'],
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
    needs: { user_attribute_profiles: [attributeProfile], connection_profiles: [connectionProfile] },
    object: {
      name: 'Conformance SPA',
      app_type: 'spa',
      callbacks: ['https://app.conformance.example/callback'],
      jwt_configuration: { lifetime_in_seconds: 3600 },
      client_metadata: { team: 'identity' },
      organization_usage: 'allow',
      // The profiles it validates against, by name.
      my_organization_configuration: {
        user_attribute_profile_id: attributeProfile.name,
        connection_profile_id: connectionProfile.name,
        allowed_strategies: ['oidc', 'samlp'],
        connection_deletion_behavior: 'allow',
      },
      // Addons with secret fields: never shown, saved or exported.
      addons: {
        firebase: { secret: 'set by the suite', client_email: 'svc@conformance.example' },
        azure_sb: {
          namespace: 'conformance',
          sasKeyName: 'send',
          sasKey: 'set by the suite',
          entityPath: 'q',
        },
      },
    },
    change: { path: 'jwt_configuration.lifetime_in_seconds', value: 7200 },
  },
  resource_servers: {
    object: {
      ...api,
      token_lifetime: 3600,
      // Symmetric signing (a write-only secret), the RBAC token dialect, DPoP.
      signing_alg: 'HS256',
      signing_secret: 'set by the suite',
      enforce_policies: true,
      token_dialect: 'access_token_authz',
      proof_of_possession: { mechanism: 'dpop', required: false },
    },
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
    needs: {
      connections: [db],
      clients: [m2m],
      resource_servers: [api],
      client_grants: [
        { client: m2m.name, audience: api.identifier, scope: ['read:things'], organization_usage: 'allow' },
      ],
    },
    object: {
      name: 'conformance-org',
      display_name: 'Conformance Org',
      enabled_connections: [
        { connection: db.name, assign_membership_on_login: true, organization_access_level: 'readonly' },
      ],
      client_grants: [`${m2m.name} → ${api.identifier}`],
      discovery_domains: [{ domain: 'conformance.example' }],
      clients: [{ client: m2m.name, use_for_member_access: true }],
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
      // A secret is never written literally: the suite's first secret variable is reused.
      set: { type: 'datadog', sink: { datadogApiKey: '${CONFORMANCE_SECRET_0}', datadogRegion: 'eu' } },
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
    object: connectionProfile,
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
      custom_text: { en: { 'get-started': { introduction: 'Set up SSO for Conformance in a few steps.' } } },
    },
    // Written at the custom text endpoint: one PUT of the page.
    change: { path: 'custom_text.en.get-started.introduction', value: 'Connect your identity provider.' },
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
  breached_password_detection: {
    object: {
      enabled: true,
      shields: ['block', 'admin_notification'],
      admin_notification_frequency: ['daily', 'weekly'],
      method: 'standard',
      stage: { 'pre-user-registration': { shields: ['block'] } },
    },
    change: { path: 'admin_notification_frequency', value: ['immediately'] },
    undeletable: true,
  },
  brute_force_protection: {
    object: {
      enabled: true,
      shields: ['user_notification', 'block'],
      allowlist: ['10.0.0.1'],
      max_attempts: 5,
    },
    change: { path: 'max_attempts', value: 8 },
    undeletable: true,
  },
  suspicious_ip_throttling: {
    object: {
      enabled: true,
      shields: ['block'],
      allowlist: ['192.168.1.1'],
      stage: { 'pre-login': { max_attempts: 5, rate: 864000 } },
    },
    change: { path: 'stage.pre-login.max_attempts', value: 20 },
    undeletable: true,
  },
  bot_detection: {
    object: { bot_detection_level: 'low', challenge_password_policy: 'when_risky', allowlist: ['127.0.0.1'] },
    change: { path: 'bot_detection_level', value: 'high' },
    undeletable: true,
  },
  captcha: {
    object: {
      active_provider_id: 'hcaptcha',
      hcaptcha: { site_key: 'conformance-site-key', secret: 'set by the suite' },
    },
    change: { path: 'hcaptcha.site_key', value: 'conformance-site-key-2' },
    undeletable: true,
  },
  risk_assessment: {
    object: { enabled: true },
    change: { path: 'enabled', value: false },
    undeletable: true,
  },
  risk_assessment_new_device: {
    object: { remember_for: 45 },
    change: { path: 'remember_for', value: 60 },
    undeletable: true,
  },
  supplemental_signals: {
    object: { akamai_enabled: true },
    change: { path: 'akamai_enabled', value: false },
    undeletable: true,
  },
  network_acls: {
    object: {
      description: 'Block a conformance ASN',
      active: true,
      priority: 10,
      rule: { action: { block: true }, match: { asns: [9453] }, scope: 'tenant' },
    },
    change: { path: 'description', value: 'Block the conformance ASN' },
  },
  rate_limit_policies: {
    object: {
      resource: 'oauth_authentication_api',
      consumer: 'client',
      consumer_selector: 'default',
      configuration: { action: 'block', limit: 100 },
    },
    change: { path: 'configuration', value: { action: 'block', limit: 500 } },
  },
  guardian_factors: {
    mapKey: ['otp'],
    object: true,
    change: { path: 'enabled', value: false },
  },
  guardian_sms_twilio: {
    object: { sid: 'ACconformance', from: '+15550100', auth_token: 'set by the suite' },
    change: { path: 'from', value: '+15550101' },
    undeletable: true,
  },
  guardian_phone_twilio: {
    object: { sid: 'ACconformance', messaging_service_sid: 'MGconformance', auth_token: 'set by the suite' },
    change: { path: 'messaging_service_sid', value: 'MGconformance2' },
    undeletable: true,
  },
  guardian_push_sns: {
    object: {
      aws_access_key_id: 'AKIACONFORMANCE',
      aws_secret_access_key: 'set by the suite',
      aws_region: 'eu-west-1',
      sns_apns_platform_application_arn: 'arn:aws:sns:eu-west-1:1:app/APNS/conformance',
      sns_gcm_platform_application_arn: 'arn:aws:sns:eu-west-1:1:app/GCM/conformance',
    },
    change: { path: 'aws_region', value: 'us-west-1' },
    undeletable: true,
  },
  guardian_push_apns: {
    object: { bundle_id: 'com.conformance.app', sandbox: true, p12: 'set by the suite' },
    change: { path: 'sandbox', value: false },
    undeletable: true,
  },
  // No read and one write-only field: nothing changes in place but the secret itself.
  guardian_push_fcm: {
    object: { server_key: 'set by the suite' },
    undeletable: true,
    unreadable: true,
  },
  guardian_push_fcmv1: {
    object: { server_credentials: 'set by the suite' },
    undeletable: true,
    unreadable: true,
  },
  guardian_sms_templates: {
    object: mfaTexts,
    change: { path: 'verification_message', value: '{{code}} is your Conformance code' },
    undeletable: true,
  },
  guardian_phone_templates: {
    object: mfaTexts,
    change: { path: 'enrollment_message', value: '{{code}} enrolls you in Conformance' },
    undeletable: true,
  },
  guardian_policies: {
    object: { policies: ['all-applications'] },
    change: { path: 'policies', value: [] },
    undeletable: true,
  },
  guardian_phone_selected_provider: {
    object: { provider: 'twilio' },
    change: { path: 'provider', value: 'phone-message-hook' },
    undeletable: true,
  },
  guardian_phone_message_types: {
    object: { message_types: ['voice', 'sms'] },
    change: { path: 'message_types', value: ['sms'] },
    undeletable: true,
  },
  branding: {
    object: {
      colors: { primary: '#0059d6', page_background: '#000000' },
      logo_url: 'https://conformance.example/logo.png',
    },
    change: { path: 'colors.primary', value: '#635dff' },
    undeletable: true,
  },
  universal_login_template: {
    object: { template: loginTemplate('Conformance') },
    change: { path: 'template', value: loginTemplate('Conformance, changed') },
    undeletable: true,
  },
  branding_theme: {
    object: brandingTheme,
    change: { path: 'colors.primary_button', value: '#0059d6' },
    undeletable: true,
  },
  prompts: {
    object: { universal_login_experience: 'new', identifier_first: true },
    change: { path: 'identifier_first', value: false },
    undeletable: true,
  },
  prompt_partials: {
    mapKey: ['login'],
    object: { login: { 'form-content-start': '<div>Conformance</div>' } },
    change: { path: 'login.form-content-start', value: '<div>Conformance, changed</div>' },
    readOnlyWhenNamed: true,
  },
  prompt_screen_renderers: {
    mapKey: ['login-id', 'login-id'],
    object: {
      rendering_mode: 'advanced',
      context_configuration: ['branding.settings', 'screen.texts'],
      head_tags: [
        { tag: 'script', attributes: { src: 'https://cdn.conformance.example/login.js', defer: true } },
      ],
    },
    change: { path: 'context_configuration', value: ['branding.settings'] },
    readOnlyWhenNamed: true,
  },
  login_page: {
    object: {
      custom_login_page_on: true,
      custom_login_page: '<html><body>Conformance login</body></html>\n',
    },
    change: { path: 'custom_login_page', value: '<html><body>Conformance login, changed</body></html>\n' },
    undeletable: true,
  },
  pages: {
    object: {
      change_password: { enabled: true, html: '<html><body>Reset your password</body></html>\n' },
      guardian_mfa_page: { enabled: true, html: '<html><body>Second factor</body></html>\n' },
      error_page: { html: '<html><body>Something went wrong</body></html>\n', show_log_link: false, url: '' },
    },
    change: { path: 'error_page.show_log_link', value: true },
    undeletable: true,
  },
  flows_vault_connections: {
    object: vaultConnection,
    replace: { set: { app_id: 'JWT' }, reason: 'app_id' },
  },
  flows: {
    needs: { flows_vault_connections: [vaultConnection] },
    object: flow,
    change: {
      path: 'actions',
      value: [
        {
          ...flow.actions[0]!,
          params: { ...flow.actions[0]!.params, url: 'https://hooks.conformance.example/v2' },
        },
      ],
    },
  },
  forms: {
    needs: { flows_vault_connections: [vaultConnection], flows: [flow] },
    object: {
      name: 'conformance-form',
      languages: { primary: 'en' },
      start: { next_node: 'run_flow', coordinates: { x: 0, y: 0 } },
      nodes: [
        {
          id: 'run_flow',
          type: 'FLOW',
          coordinates: { x: 300, y: 0 },
          config: { flow_id: flow.name, next_node: '$ending' },
        },
      ],
      ending: { resume_flow: true, coordinates: { x: 600, y: 0 } },
    },
    change: { path: 'languages.primary', value: 'fr' },
  },
  event_streams: {
    object: {
      name: 'conformance-events',
      subscriptions: [{ event_type: 'user.created' }, { event_type: 'user.updated' }],
      destination: {
        type: 'webhook',
        configuration: {
          webhook_endpoint: 'https://events.conformance.example',
          webhook_authorization: { method: 'bearer', token: 'set by the suite' },
        },
      },
    },
    change: { path: 'subscriptions', value: [{ event_type: 'user.created' }] },
  },
};
