// Attack protection: five settings objects, each a singleton the tenant always has (GET and
// PATCH, never deleted). Bot detection and CAPTCHA need a plan that includes bot detection:
// other tenants answer them 403 insufficient_entitlement (recorded), so they are gated by
// that feature. Lists of shields and notification frequencies read back in any order (recorded).

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const breachedPasswordDetection: ResourceSpec = {
  kind: 'singleton',
  type: 'breached_password_detection',
  description: 'Breached password detection: shields, notifications and stages.',
  operations: {
    read: 'GET /attack-protection/breached-password-detection',
    update: 'PATCH /attack-protection/breached-password-detection',
  },
  fields: { sets: { shields: [], admin_notification_frequency: [], 'stage.*.shields': [] } },
};

export const bruteForceProtection: ResourceSpec = {
  kind: 'singleton',
  type: 'brute_force_protection',
  description: 'Brute-force protection: attempts allowed per identifier (and IP), shields, allowlist.',
  operations: {
    read: 'GET /attack-protection/brute-force-protection',
    update: 'PATCH /attack-protection/brute-force-protection',
  },
  fields: { sets: { shields: [], allowlist: [] } },
};

export const suspiciousIpThrottling: ResourceSpec = {
  kind: 'singleton',
  type: 'suspicious_ip_throttling',
  description: 'Suspicious IP throttling: attempts and rates per stage, shields, allowlist.',
  operations: {
    read: 'GET /attack-protection/suspicious-ip-throttling',
    update: 'PATCH /attack-protection/suspicious-ip-throttling',
  },
  fields: { sets: { shields: [], allowlist: [] } },
};

export const botDetection: ResourceSpec = {
  kind: 'singleton',
  type: 'bot_detection',
  description: 'Bot detection: detection level and when to challenge (needs the bot detection entitlement).',
  operations: {
    read: 'GET /attack-protection/bot-detection',
    update: 'PATCH /attack-protection/bot-detection',
  },
  fields: { sets: { allowlist: [] } },
  feature: 'bot detection',
};

/** The CAPTCHA providers that take a secret, and the field it is in. */
const CAPTCHA_SECRETS: Readonly<Record<string, string>> = {
  recaptcha_v2: 'secret',
  recaptcha_enterprise: 'api_key',
  hcaptcha: 'secret',
  friendly_captcha: 'secret',
  arkose: 'secret',
};

export const captcha: ResourceSpec = {
  kind: 'singleton',
  type: 'captcha',
  description: 'CAPTCHA: the active provider and its settings (needs the bot detection entitlement).',
  operations: { read: 'GET /attack-protection/captcha', update: 'PATCH /attack-protection/captcha' },
  fields: {
    // Accepted by the PATCH, never read back (recorded).
    writeOnly: Object.entries(CAPTCHA_SECRETS).map(([provider, field]) => `${provider}.${field}`),
    // The site key is public: it is served to every browser that shows the CAPTCHA.
    notSecret: ['site_key'],
  },
  feature: 'bot detection',
  hooks: {
    // A tenant reads back every provider, unused ones with an empty site key; a provider in
    // config needs its secret, so an exported provider gets a placeholder for it.
    exported(config) {
      const out: ConfigObject = {};
      for (const [field, value] of Object.entries(config)) {
        const secretField = CAPTCHA_SECRETS[field];
        if (!secretField) out[field] = value;
        else if ((value as ConfigObject | undefined)?.site_key)
          out[field] = { ...(value as ConfigObject), [secretField]: '' };
      }
      return out;
    },
  },
};
