import { ApiError } from './http/api-error.ts';
import type { Operation } from './openapi/document.ts';

/**
 * Features a real tenant may lack: paid entitlements and Early Access programmes. The emulator
 * has them all unless told otherwise (`startEmulator({withoutFeatures})`, `tenantform emulator
 * --without-feature NAME`); a switched-off feature answers every operation below its paths as a
 * tenant without it does.
 */
export interface Feature {
  /** Path templates whose operations, and every operation below them, belong to the feature. */
  paths: string[];
  /** What the real API answers a tenant that lacks it. */
  refusal: { status: number; message: string; errorCode: string };
}

/**
 * Recorded (TestAccAttackProtection*InsufficientEntitlement.yaml): bot detection and CAPTCHA, on
 * a plan without bot detection, answer every read and write with this 403.
 */
const NO_BOT_DETECTION = {
  status: 403,
  message: 'Please upgrade your subscription to use bot detection',
  errorCode: 'insufficient_entitlement',
};

/**
 * Early Access features not enabled for a tenant answer 403 `feature_not_enabled` (the code
 * auth0-deploy-cli checks for before skipping a type); no recording shows the message, so this
 * wording is unconfirmed.
 */
const notEnabled = (what: string) => ({
  status: 403,
  message: `The ${what} feature is not enabled for this tenant.`,
  errorCode: 'feature_not_enabled',
});

/**
 * Advanced Customizations of Universal Login (screen renderings) need a paid plan: the API
 * document answers 402 with this message; the error code is unconfirmed (no recording).
 */
const NO_ADVANCED_CUSTOMIZATIONS = {
  status: 402,
  message: 'A paid subscription is required to use Advanced Customizations.',
  errorCode: 'payment_required',
};

export const FEATURES: Record<string, Feature> = {
  bot_detection: {
    paths: ['/attack-protection/bot-detection', '/attack-protection/captcha'],
    refusal: NO_BOT_DETECTION,
  },
  rate_limit_policies: { paths: ['/rate-limit-policies'], refusal: notEnabled('rate limit policies') },
  user_attribute_profiles: {
    paths: ['/user-attribute-profiles'],
    refusal: notEnabled('user attribute profiles'),
  },
  token_exchange_profiles: {
    paths: ['/token-exchange-profiles'],
    refusal: notEnabled('token exchange profiles'),
  },
  action_modules: { paths: ['/actions/modules'], refusal: notEnabled('actions modules') },
  connection_profiles: { paths: ['/connection-profiles'], refusal: notEnabled('connection profiles') },
  supplemental_signals: { paths: ['/supplemental-signals'], refusal: notEnabled('supplemental signals') },
  risk_assessment: { paths: ['/risk-assessments'], refusal: notEnabled('risk assessment') },
  // Organization clients (Early Access): auth0-deploy-cli skips them on a 403 or
  // feature_not_enabled; the wording is unconfirmed.
  organization_clients: {
    paths: ['/organizations/{id}/clients'],
    refusal: notEnabled('organization clients'),
  },
  advanced_customizations: {
    paths: ['/prompts/rendering', '/prompts/{prompt}/screen'],
    refusal: NO_ADVANCED_CUSTOMIZATIONS,
  },
};

/** Checks names against FEATURES; throws naming the known ones. */
export function checkFeatureNames(names: readonly string[]): void {
  const unknown = names.filter((name) => !Object.hasOwn(FEATURES, name));
  if (unknown.length)
    throw new Error(
      `unknown feature ${unknown.join(', ')} (known: ${Object.keys(FEATURES).sort().join(', ')})`,
    );
}

/** The refusal for an operation of a switched-off feature, else undefined. */
export function featureRefusal(operation: Operation, disabled: ReadonlySet<string>): ApiError | undefined {
  for (const name of disabled) {
    const feature = FEATURES[name];
    const template = operation.pathTemplate;
    if (feature?.paths.some((path) => template === path || template.startsWith(`${path}/`))) {
      const { status, message, errorCode } = feature.refusal;
      return new ApiError(status, message, errorCode);
    }
  }
  return undefined;
}
