import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { ApiError, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { tenantNameOf } from './clients.ts';
import { CONNECTION_NOT_FOUND } from './connections.ts';

/** Strategies that take inbound SCIM (Auth0's docs; recorded: a database connection is refused). */
const SCIM_STRATEGIES = new Set(['samlp', 'oidc', 'okta', 'waad']);

const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const WORK = 'addresses[type eq "work"]';
/** The mapping a new configuration starts with (recorded: GET …/scim-configuration/default-mapping). */
const DEFAULT_MAPPING: [auth0: string, scim: string][] = [
  ['preferred_username', 'userName'],
  ['email', 'emails[primary eq true].value'],
  ['app_metadata.external_id', 'externalId'],
  ['blocked', 'active'],
  ['name', 'displayName'],
  ['given_name', 'name.givenName'],
  ['family_name', 'name.familyName'],
  ['app_metadata.middle_name', 'name.middleName'],
  ['app_metadata.honorific_prefix', 'name.honorificPrefix'],
  ['app_metadata.honorific_suffix', 'name.honorificSuffix'],
  ['nickname', 'nickName'],
  ['picture', 'photos[type eq "photo"].value'],
  ['app_metadata.primary_phone_number', 'phoneNumbers[primary eq true].value'],
  ['app_metadata.mobile_phone_number', 'phoneNumbers[type eq "mobile"].value'],
  ['app_metadata.street_address', `${WORK}.streetAddress`],
  ['app_metadata.city', `${WORK}.locality`],
  ['app_metadata.state', `${WORK}.region`],
  ['app_metadata.postal_code', `${WORK}.postalCode`],
  ['app_metadata.postal_address', `${WORK}.formatted`],
  ['app_metadata.country', `${WORK}.country`],
  ['app_metadata.profile_url', 'profileUrl'],
  ['app_metadata.user_type', 'userType'],
  ['app_metadata.title', 'title'],
  ['app_metadata.language', 'preferredLanguage'],
  ['app_metadata.locale', 'locale'],
  ['app_metadata.timezone', 'timezone'],
  ['app_metadata.employee_id', `${ENTERPRISE_USER}.employeeNumber`],
  ['app_metadata.cost_center', `${ENTERPRISE_USER}.costCenter`],
  ['app_metadata.organization', `${ENTERPRISE_USER}.organization`],
  ['app_metadata.division', `${ENTERPRISE_USER}.division`],
  ['app_metadata.department', `${ENTERPRISE_USER}.department`],
  ['app_metadata.manager', `${ENTERPRISE_USER}.manager`],
];
const defaultMapping = (): Json[] => DEFAULT_MAPPING.map(([auth0, scim]) => ({ scim, auth0 }));

function connectionOf(context: RequestContext): Json {
  return orNotFound(context.store.collection('/connections').get(context.params.id), CONNECTION_NOT_FOUND);
}

const pathOf = (context: RequestContext) => `/connections/${context.params.id}/scim-configuration`;

function configured(context: RequestContext): Json {
  connectionOf(context);
  const stored = context.store.singletons.get(pathOf(context));
  if (!stored) throw new ApiError(404, 'Not Found');
  return stored;
}

function save(context: RequestContext, value: Json): { status: number; body: Json } {
  context.store.singletons.set(pathOf(context), value);
  context.store.changed();
  return { status: context.operation.successStatus, body: value };
}

/**
 * A connection's inbound SCIM configuration (recorded, TestAccSCIMConfiguration*): one per
 * connection of a SCIM-capable strategy, created with the default mapping and `externalId`
 * as the user id attribute unless the body says otherwise; 404 "Not Found" while absent.
 */
export const scimConfiguration: ResourceModule = {
  collection: '/connections/{id}/scim-configuration',
  routes: {
    'get /connections/{id}/scim-configuration': (context) => ({
      status: context.operation.successStatus,
      body: configured(context),
    }),
    'post /connections/{id}/scim-configuration': (context) => {
      const connection = connectionOf(context);
      if (!SCIM_STRATEGIES.has(connection.strategy))
        throw new ApiError(
          404,
          'This connection type does not support SCIM. Please see our documentation for the currently supported connection types: https://auth0.com/docs/authenticate/protocols/scim/configure-inbound-scim.',
        );
      const now = context.now().toISOString();
      return save(context, {
        tenant_name: tenantNameOf(context.domain),
        connection_id: connection.id,
        connection_name: connection.name,
        strategy: connection.strategy,
        mapping: context.body?.mapping ?? defaultMapping(),
        updated_on: now,
        created_at: now,
        user_id_attribute: context.body?.user_id_attribute ?? 'externalId',
      });
    },
    'patch /connections/{id}/scim-configuration': (context) => {
      const existing = configured(context);
      const { mapping, user_id_attribute } = context.body ?? {};
      return save(context, {
        ...existing,
        ...(mapping !== undefined ? { mapping } : {}),
        ...(user_id_attribute !== undefined ? { user_id_attribute } : {}),
        updated_on: context.now().toISOString(),
      });
    },
    'delete /connections/{id}/scim-configuration': (context) => {
      configured(context);
      context.store.singletons.delete(pathOf(context));
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    'get /connections/{id}/scim-configuration/default-mapping': (context) => {
      configured(context);
      return { status: context.operation.successStatus, body: { mapping: defaultMapping() } };
    },
  },
};
