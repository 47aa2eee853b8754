import type { RequestContext, ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';

/**
 * The attack-protection settings of a new tenant, in the shape the real API reads them back
 * (recorded, TestAccAttackProtection*); values are Auth0's documented defaults for a new tenant.
 */
const DEFAULTS: Record<string, object> = {
  'brute-force-protection': {
    enabled: true,
    shields: ['block', 'user_notification'],
    mode: 'count_per_identifier_and_ip',
    allowlist: [],
    max_attempts: 10,
  },
  'suspicious-ip-throttling': {
    enabled: true,
    shields: ['admin_notification', 'block'],
    allowlist: [],
    stage: {
      'pre-login': { max_attempts: 100, rate: 864000 },
      'pre-user-registration': { max_attempts: 50, rate: 1200 },
      'pre-custom-token-exchange': { max_attempts: 10, rate: 600000 },
    },
  },
  'breached-password-detection': {
    enabled: false,
    shields: [],
    admin_notification_frequency: [],
    method: 'standard',
    stage: { 'pre-user-registration': { shields: [] }, 'pre-change-password': { shields: [] } },
  },
  'bot-detection': {
    challenge_password_policy: 'never',
    challenge_passwordless_policy: 'never',
    challenge_password_reset_policy: 'never',
    allowlist: [],
    bot_detection_level: 'medium',
    monitoring_mode_enabled: false,
  },
  captcha: {
    active_provider_id: 'auth_challenge',
    simple_captcha: {},
    auth_challenge: { fail_open: false },
    recaptcha_v2: { site_key: '' },
    recaptcha_enterprise: { site_key: '', project_id: '' },
    hcaptcha: { site_key: '' },
    friendly_captcha: { site_key: '' },
    arkose: {
      site_key: '',
      client_subdomain: 'client-api',
      verify_subdomain: 'verify-api',
      fail_open: false,
    },
  },
};

/**
 * CAPTCHA providers' secrets are taken by the PATCH and never read back, not even in its reply
 * (TestAccAttackProtectionCaptcha.yaml: recaptcha_v2 {site_key, secret} reads back {site_key}).
 */
const CAPTCHA_SECRETS: Record<string, string> = {
  recaptcha_v2: 'secret',
  recaptcha_enterprise: 'api_key',
  hcaptcha: 'secret',
  friendly_captcha: 'secret',
  arkose: 'secret',
};

function withoutCaptchaSecrets(stored: Json): Json {
  const shown: Json = { ...stored };
  for (const [provider, field] of Object.entries(CAPTCHA_SECRETS)) {
    if (shown[provider] && typeof shown[provider] === 'object') {
      const { [field]: _secret, ...rest } = shown[provider];
      shown[provider] = rest;
    }
  }
  return shown;
}

export const attackProtection: ResourceModule[] = Object.entries(DEFAULTS).map(([name, defaults]) => ({
  collection: `/attack-protection/${name}`,
  defaults: () => structuredClone(defaults),
  ...(name === 'captcha' && {
    present: (_context: RequestContext, stored: Json) => withoutCaptchaSecrets(stored),
  }),
}));
