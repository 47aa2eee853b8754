// Every resource type tenantform manages, in the order they are listed in output: each a
// spec (one file per type) compiled by the kit into the adapter the planner and applier use.

import { actionModules } from './action-modules.ts';
import { actions } from './actions.ts';
import {
  botDetection,
  breachedPasswordDetection,
  bruteForceProtection,
  captcha,
  suspiciousIpThrottling,
} from './attack-protection.ts';
import { branding } from './branding.ts';
import { brandingTheme } from './branding-theme.ts';
import { eventStreams } from './event-streams.ts';
import { flows } from './flows.ts';
import { flowsVaultConnections } from './flows-vault-connections.ts';
import { forms } from './forms.ts';
import { loginPage } from './login-page.ts';
import { pages } from './pages.ts';
import { promptPartials } from './prompt-partials.ts';
import { promptScreenRenderers } from './prompt-screen-renderers.ts';
import { promptsSettings } from './prompts-settings.ts';
import { universalLoginTemplate } from './universal-login-template.ts';
import { clientGrants } from './client-grants.ts';
import { clients } from './clients.ts';
import { connections } from './connections.ts';
import { customDomains } from './custom-domains.ts';
import { emailProvider } from './email-provider.ts';
import { emailTemplates } from './email-templates.ts';
import {
  guardianPhoneTwilio,
  guardianPushApns,
  guardianPushFcm,
  guardianPushFcmv1,
  guardianPushSns,
  guardianSmsTwilio,
} from './guardian-factor-providers.ts';
import { guardianPhoneTemplates, guardianSmsTemplates } from './guardian-factor-templates.ts';
import { guardianFactors } from './guardian-factors.ts';
import { guardianPhoneMessageTypes } from './guardian-phone-message-types.ts';
import { guardianPhoneSelectedProvider } from './guardian-phone-selected-provider.ts';
import { guardianPolicies } from './guardian-policies.ts';
import type { ResourceAdapter } from './contract.ts';
import { connectionProfiles } from './connection-profiles.ts';
import { selfServiceProfiles } from './self-service-profiles.ts';
import { tokenExchangeProfiles } from './token-exchange-profiles.ts';
import { userAttributeProfiles } from './user-attribute-profiles.ts';
import { compileSpec } from './kit/compile.ts';
import type { ResourceSpec } from './kit/spec.ts';
import { hooks } from './hooks.ts';
import { logStreams } from './log-streams.ts';
import { networkAcls } from './network-acls.ts';
import { organizations } from './organizations.ts';
import { phoneProviders } from './phone-providers.ts';
import { phoneTemplates } from './phone-templates.ts';
import { promptCustomText } from './prompt-custom-text.ts';
import { rateLimitPolicies } from './rate-limit-policies.ts';
import { resourceServers } from './resource-servers.ts';
import { riskAssessment, riskAssessmentNewDevice } from './risk-assessment.ts';
import { roles } from './roles.ts';
import { supplementalSignals } from './supplemental-signals.ts';
import { rules } from './rules.ts';
import { rulesConfigs } from './rules-configs.ts';
import { tenant } from './tenant.ts';
import { triggers } from './triggers.ts';

export const specs: readonly ResourceSpec[] = [
  tenant,
  clients,
  resourceServers,
  clientGrants,
  connections,
  organizations,
  roles,
  actionModules,
  actions,
  triggers,
  logStreams,
  customDomains,
  emailProvider,
  emailTemplates,
  phoneProviders,
  phoneTemplates,
  userAttributeProfiles,
  connectionProfiles,
  selfServiceProfiles,
  tokenExchangeProfiles,
  promptCustomText,
  // Security
  breachedPasswordDetection,
  bruteForceProtection,
  suspiciousIpThrottling,
  botDetection,
  captcha,
  riskAssessment,
  riskAssessmentNewDevice,
  supplementalSignals,
  networkAcls,
  rateLimitPolicies,
  // MFA
  guardianFactors,
  guardianSmsTwilio,
  guardianPhoneTwilio,
  guardianPushSns,
  guardianPushApns,
  guardianPushFcm,
  guardianPushFcmv1,
  guardianSmsTemplates,
  guardianPhoneTemplates,
  guardianPolicies,
  guardianPhoneSelectedProvider,
  guardianPhoneMessageTypes,
  branding,
  universalLoginTemplate,
  brandingTheme,
  promptsSettings,
  promptPartials,
  promptScreenRenderers,
  loginPage,
  pages,
  flowsVaultConnections,
  flows,
  forms,
  eventStreams,
  rules,
  rulesConfigs,
  hooks,
];

export const adapters: readonly ResourceAdapter[] = specs.map(compileSpec);

export function adapterFor(type: string): ResourceAdapter {
  const adapter = adapters.find((a) => a.type === type);
  if (!adapter) throw new Error(`unknown resource type '${type}'`);
  return adapter;
}
