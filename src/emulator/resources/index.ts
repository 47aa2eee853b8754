import type { ResourceModule } from '../engine/context.ts';
import { actionModules } from './action-modules.ts';
import { actions } from './actions.ts';
import { brandingThemes } from './branding-themes.ts';
import { attackProtection } from './attack-protection.ts';
import { clientGrants } from './client-grants.ts';
import { clientCredentials } from './client-credentials.ts';
import { clients } from './clients.ts';
import { clientsCimd } from './clients-cimd.ts';
import { connections } from './connections.ts';
import { customDomains } from './custom-domains.ts';
import { directoryProvisioning } from './directory-provisioning.ts';
import { emailProvider } from './email-provider.ts';
import { emailTemplates } from './email-templates.ts';
import { encryptionKeys } from './encryption-keys.ts';
import { eventStreams } from './event-streams.ts';
import { flows, flowsVaultConnections, forms } from './forms-flows.ts';
import { guardianFactors } from './guardian-factors.ts';
import { guardianPolicies } from './guardian-policies.ts';
import { hooks } from './hooks.ts';
import { logStreams } from './log-streams.ts';
import { networkAcls } from './network-acls.ts';
import { organizationClientGrants } from './organization-client-grants.ts';
import { organizationClients } from './organization-clients.ts';
import { organizationDiscoveryDomains } from './organization-discovery-domains.ts';
import { organizationConnections } from './organization-connections.ts';
import { organizations } from './organizations.ts';
import { rateLimitPolicies } from './rate-limit-policies.ts';
import { phoneProviders } from './phone-providers.ts';
import { resourceServers } from './resource-servers.ts';
import { riskAssessments, riskAssessmentsNewDevice } from './risk-assessments.ts';
import { roles } from './roles.ts';
import { rulesConfigs } from './rules-configs.ts';
import { scimConfiguration } from './scim-configuration.ts';
import { supplementalSignals } from './supplemental-signals.ts';
import { screenRenderings } from './screen-renderings.ts';
import { synchronizedGroupsSearch } from './synchronized-groups.ts';
import { userRolesPermissions } from './user-roles-permissions.ts';
import { tenantSettings } from './tenant-settings.ts';
import { universalLoginTemplate } from './universal-login-template.ts';
import { users } from './users.ts';

/** The real API's special behaviour, per collection or singleton, on top of the generic engine. */
export const RESOURCE_MODULES: ResourceModule[] = [
  clients,
  clientCredentials,
  connections,
  resourceServers,
  clientGrants,
  roles,
  actions,
  actionModules,
  logStreams,
  networkAcls,
  organizations,
  emailTemplates,
  guardianFactors,
  guardianPolicies,
  riskAssessments,
  riskAssessmentsNewDevice,
  supplementalSignals,
  rateLimitPolicies,
  organizationConnections,
  organizationClients,
  organizationClientGrants,
  organizationDiscoveryDomains,
  userRolesPermissions,
  brandingThemes,
  eventStreams,
  forms,
  flows,
  flowsVaultConnections,
  clientsCimd,
  synchronizedGroupsSearch,
  users,
  customDomains,
  directoryProvisioning,
  phoneProviders,
  emailProvider,
  encryptionKeys,
  scimConfiguration,
  universalLoginTemplate,
  screenRenderings,
  hooks,
  rulesConfigs,
  tenantSettings,
  ...attackProtection,
];
