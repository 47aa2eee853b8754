// Every resource type tenantform manages, in the order they are listed in output: each a
// spec (one file per type) compiled by the kit into the adapter the planner and applier use.

import { actionModules } from './action-modules.ts';
import { actions } from './actions.ts';
import { clientGrants } from './client-grants.ts';
import { clients } from './clients.ts';
import { connections } from './connections.ts';
import { customDomains } from './custom-domains.ts';
import { emailProvider } from './email-provider.ts';
import { emailTemplates } from './email-templates.ts';
import type { ResourceAdapter } from './contract.ts';
import { connectionProfiles } from './connection-profiles.ts';
import { selfServiceProfiles } from './self-service-profiles.ts';
import { tokenExchangeProfiles } from './token-exchange-profiles.ts';
import { userAttributeProfiles } from './user-attribute-profiles.ts';
import { compileSpec } from './kit/compile.ts';
import type { ResourceSpec } from './kit/spec.ts';
import { hooks } from './hooks.ts';
import { logStreams } from './log-streams.ts';
import { organizations } from './organizations.ts';
import { phoneProviders } from './phone-providers.ts';
import { phoneTemplates } from './phone-templates.ts';
import { promptCustomText } from './prompt-custom-text.ts';
import { resourceServers } from './resource-servers.ts';
import { roles } from './roles.ts';
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
