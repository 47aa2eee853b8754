import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import { notFound, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { ORGANIZATION_NOT_FOUND } from './organizations.ts';

/**
 * Client grants associated with an organization, as TestAccOrganizationClientGrant.yaml shows
 * them: POST `{grant_id}` answers the grant's summary under `grant_id`; the list gives the
 * same under `id`, with the grant's subject type; DELETE by grant id (204). A grant deleted
 * since is no longer listed.
 */
function associationsOf(context: RequestContext): Map<string, Json> {
  orNotFound(context.store.collection('/organizations').get(context.params.id), ORGANIZATION_NOT_FOUND);
  return context.store.collection(`/organizations/${context.params.id}/client-grants`);
}

function summary(grant: Json): Json {
  const out: Json = { client_id: grant.client_id, audience: grant.audience, scope: grant.scope ?? [] };
  for (const field of ['organization_usage', 'allow_any_organization'])
    if (grant[field] !== undefined) out[field] = grant[field];
  return out;
}

export const organizationClientGrants: ResourceModule = {
  collection: '/organizations/{id}/client-grants',
  routes: {
    'get /organizations/{id}/client-grants': (context) => {
      const grants = context.store.collection('/client-grants');
      const items = [...associationsOf(context).keys()].flatMap((id) => {
        const grant = grants.get(id);
        return grant ? [{ id, ...summary(grant), subject_type: grant.subject_type ?? 'client' }] : [];
      });
      return listReply(context, items, { key: 'client_grants' });
    },
    'post /organizations/{id}/client-grants': (context) => {
      const associations = associationsOf(context);
      const grant = orNotFound(context.store.collection('/client-grants').get(context.body.grant_id), {
        message: 'The client grant does not exist',
        errorCode: 'inexistent_client_grant',
      });
      associations.set(grant.id, { grant_id: grant.id });
      context.store.changed();
      return { status: context.operation.successStatus, body: { grant_id: grant.id, ...summary(grant) } };
    },
    'delete /organizations/{id}/client-grants/{grant_id}': (context) => {
      const associations = associationsOf(context);
      if (!associations.delete(context.params.grant_id))
        throw notFound(
          'The client grant is not associated with this organization',
          'inexistent_client_grant',
        );
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
