import type { ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';

const IN_MINUTES = '_in_minutes';

/** PATCH merges; lifetimes given in minutes read back in hours, the unit of `session_lifetime`. */
function update(existing: Json, body: Json): Json {
  const merged: Json = { ...existing };
  for (const [key, value] of Object.entries<Json>(body)) {
    if (key.endsWith(IN_MINUTES) && typeof value === 'number')
      merged[key.slice(0, -IN_MINUTES.length)] = value / 60;
    else if (isPlainObject(value) && isPlainObject(existing[key]))
      merged[key] = { ...existing[key], ...value };
    else merged[key] = value;
  }
  return merged;
}

const isPlainObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A new tenant's settings, as the real API reads them back (recorded, TestAccTenant*,
 * TestAccDataSourceTenant): the shape and the values a tenant has before anyone changes them.
 * The page templates' `html` is left out; a real tenant ships long default HTML.
 */
export const tenantSettings: ResourceModule = {
  collection: '/tenants/settings',
  update: (_context, existing, body) => update(existing, body),
  defaults: () => ({
    allowed_logout_urls: [],
    acr_values_supported: [],
    change_password: { enabled: false },
    default_audience: '',
    default_directory: '',
    enabled_locales: ['en'],
    flags: {
      allow_changing_enable_sso: false,
      allow_legacy_delegation_grant_types: false,
      allow_legacy_ro_grant_types: false,
      allow_legacy_tokeninfo_endpoint: false,
      disable_impersonation: true,
      disable_management_api_sms_obfuscation: false,
      enable_adfs_waad_email_verification: false,
      enable_apis_section: false,
      enable_client_connections: true,
      enable_custom_domain_in_emails: false,
      enable_dynamic_client_registration: false,
      enable_idtoken_api2: false,
      enable_legacy_logs_search_v2: false,
      enable_legacy_profile: false,
      enable_public_signup_user_exists_error: false,
      enable_sso: true,
      new_universal_login_experience_enabled: true,
      universal_login: true,
      use_scope_descriptions_for_consent: false,
      no_disclose_enterprise_connections: false,
      revoke_refresh_token_grant: false,
      dashboard_log_streams_next: false,
      disable_fields_map_fix: false,
      dashboard_new_onboarding: false,
      mfa_show_factor_list_on_enrollment: false,
      remove_alg_from_jwks: false,
      disable_clickjack_protection_headers: false,
      enable_pipeline2: false,
    },
    friendly_name: 'tenantform emulator',
    guardian_mfa_page: { enabled: false },
    idle_session_lifetime: 72,
    ephemeral_session_lifetime: 1,
    idle_ephemeral_session_lifetime: 1,
    picture_url: '',
    sandbox_version: '22',
    session_lifetime: 720,
    support_email: '',
    support_url: '',
    sessions: { oidc_logout_prompt_enabled: true },
    oidc_logout: { rp_logout_end_session_endpoint_discovery: false },
    allow_organization_name_in_authentication_api: false,
    customize_mfa_in_postlogin_action: false,
    pushed_authorization_requests_supported: false,
    mtls: { enable_endpoint_aliases: false },
    universal_login: { colors: { page_background: '#000000', primary: '#0059d6' } },
    phone_consolidated_experience: false,
    session_cookie: { mode: 'persistent' },
    sandbox_versions_available: ['22', '18'],
    resource_parameter_profile: 'audience',
    client_id_metadata_document_supported: false,
    dynamic_client_registration_security_mode: 'strict',
  }),
};
