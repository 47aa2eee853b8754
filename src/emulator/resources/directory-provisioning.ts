import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { conflict, notFound, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { CONNECTION_NOT_FOUND } from './connections.ts';

const NOT_FOUND = {
  message: 'Directory provisioning is not configured for this connection',
  errorCode: 'inexistent_directory_provisioning',
};

/** Google Workspace attributes mapped to themselves, in the order the default mapping lists them. */
const SAME_NAME = [
  'kind',
  'etag',
  'customerId',
  'orgUnitPath',
  'emails',
  'phones',
  'externalIds',
  'aliases',
  'addresses',
  'organizations',
  'nonEditableAliases',
  'relations',
  'languages',
  'posixAccounts',
  'notes',
  'websites',
  'locations',
  'keywords',
  'gender',
  'ims',
  'creationTime',
  'lastLoginTime',
  'changePasswordAtNextLogin',
  'isMailboxSetup',
  'includeInGlobalAddressList',
  'thumbnailPhotoUrl',
  'thumbnailPhotoEtag',
  'isEnrolledIn2Sv',
  'isEnforcedIn2Sv',
  'recoveryEmail',
  'recoveryPhone',
  'sshPublicKeys',
  'customSchemas',
];

/** The mapping a new directory provisioning gets (recorded, TestAccDirectoryDefaultMappingDataSource). */
export const DEFAULT_MAPPING: { idp: string; auth0: string }[] = [
  ...(
    [
      ['id', 'app_metadata.external_id'],
      ['primaryEmail', 'email'],
      ['primaryEmail', 'primaryEmail'],
      ['name.fullName', 'name'],
      ['name.givenName', 'given_name'],
      ['name.familyName', 'family_name'],
      ['isAdmin', 'isAdmin'],
      ['isAdmin', 'is_admin'],
      ['isDelegatedAdmin', 'isDelegatedAdmin'],
      ['agreedToTerms', 'agreedToTerms'],
      ['agreedToTerms', 'tou_accepted'],
      ['suspended', 'suspended'],
      ['suspended', 'is_suspended'],
      ['suspended', 'blocked'],
    ] as const
  ).map(([idp, auth0]) => ({ idp, auth0 })),
  { idp: 'suspensionReason', auth0: 'suspensionReason' },
  { idp: 'archived', auth0: 'archived' },
  { idp: 'ipWhitelisted', auth0: 'ipWhitelisted' },
  { idp: 'ipWhitelisted', auth0: 'is_ipWhitelisted' },
  ...SAME_NAME.map((name) => ({ idp: name, auth0: name })),
];

const pathOf = (context: RequestContext) => `/connections/${context.params.id}/directory-provisioning`;

const requireConnection = (context: RequestContext): Json =>
  orNotFound(context.store.collection('/connections').get(context.params.id), CONNECTION_NOT_FOUND);

/**
 * A connection's directory provisioning (Google Workspace sync), as the real API answers it
 * (recorded, TestAccDirectory*): created by POST with the connection's name and strategy, not
 * synchronising automatically, group sync off; absent (404) until then.
 */
export const directoryProvisioning: ResourceModule = {
  collection: '/connections/{id}/directory-provisioning',
  routes: {
    'post /connections/{id}/directory-provisioning': (context) => {
      const connection = requireConnection(context);
      if (context.store.singletons.has(pathOf(context)))
        throw conflict('Directory provisioning is already configured for this connection', 'conflict');
      const now = context.now().toISOString();
      const stored = {
        connection_id: connection.id,
        connection_name: connection.name,
        strategy: connection.strategy,
        mapping: DEFAULT_MAPPING,
        synchronize_automatically: false,
        ...context.body,
        created_at: now,
        updated_at: now,
        synchronize_groups: context.body?.synchronize_groups ?? 'off',
      };
      context.store.singletons.set(pathOf(context), stored);
      context.store.changed();
      return { status: context.operation.successStatus, body: stored };
    },
    'get /connections/{id}/directory-provisioning/default-mapping': (context) => {
      requireConnection(context);
      return { status: context.operation.successStatus, body: { mapping: DEFAULT_MAPPING } };
    },
    'get /connections/{id}/directory-provisioning': (context) => {
      requireConnection(context);
      return {
        status: context.operation.successStatus,
        body: orNotFound(context.store.singletons.get(pathOf(context)), NOT_FOUND),
      };
    },
    'patch /connections/{id}/directory-provisioning': (context) => {
      requireConnection(context);
      const existing = orNotFound(context.store.singletons.get(pathOf(context)), NOT_FOUND);
      const updated = { ...existing, ...context.body, updated_at: context.now().toISOString() };
      context.store.singletons.set(pathOf(context), updated);
      context.store.changed();
      return { status: context.operation.successStatus, body: updated };
    },
    'delete /connections/{id}/directory-provisioning': (context) => {
      requireConnection(context);
      if (!context.store.singletons.delete(pathOf(context)))
        throw notFound(NOT_FOUND.message, NOT_FOUND.errorCode);
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
