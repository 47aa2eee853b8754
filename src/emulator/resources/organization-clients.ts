import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import { notFound, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { CLIENT_NOT_FOUND } from './clients.ts';
import { ORGANIZATION_NOT_FOUND } from './organizations.ts';

/**
 * Clients associated with an organization (Early Access), as TestAccOrganizationClients*.yaml
 * shows them: POST adds a batch and answers the new associations, DELETE removes a batch of client
 * ids (204), each association reads with a summary of its client, newest first.
 */
function associationsOf(context: RequestContext): Map<string, Json> {
  orNotFound(context.store.collection('/organizations').get(context.params.id), ORGANIZATION_NOT_FOUND);
  return context.store.collection(`/organizations/${context.params.id}/clients`);
}

/** The client summary the API embeds; undefined when the client was deleted since. */
function present(context: RequestContext, stored: Json): Json | undefined {
  const client = context.store.collection('/clients').get(stored.client_id);
  if (!client) return undefined;
  const summary: Json = { name: client.name };
  for (const field of ['app_type', 'logo_uri', 'is_first_party', 'grant_types', 'organization_usage'])
    if (client[field] !== undefined) summary[field] = client[field];
  return {
    client_id: stored.client_id,
    use_for_member_access: stored.use_for_member_access,
    client: summary,
  };
}

function requireOne(context: RequestContext): Json {
  const stored = associationsOf(context).get(context.params.client_id);
  const presented = stored && present(context, stored);
  if (!presented) throw notFound('The client is not associated with this organization', 'inexistent_client');
  return presented;
}

const ITEM = '/organizations/{id}/clients/{client_id}';

export const organizationClients: ResourceModule = {
  collection: '/organizations/{id}/clients',
  routes: {
    'get /organizations/{id}/clients': (context) => {
      const items = [...associationsOf(context).values()]
        .reverse()
        .map((stored) => present(context, stored))
        .filter((item): item is Json => item !== undefined);
      // Always checkpoint-paged: with neither from nor take, the first 50.
      return listReply(context, items, { key: 'clients', checkpoint: true }, { take: 50, ...context.query });
    },
    'post /organizations/{id}/clients': (context) => {
      const associations = associationsOf(context);
      const items: Json[] = context.body.clients;
      // Every client is checked before any is added, so a 404 leaves nothing behind.
      for (const item of items)
        orNotFound(context.store.collection('/clients').get(item.client_id), CLIENT_NOT_FOUND);
      for (const item of items)
        associations.set(item.client_id, {
          client_id: item.client_id,
          use_for_member_access: item.use_for_member_access,
        });
      context.store.changed();
      return {
        status: context.operation.successStatus,
        body: items.map((item) => present(context, associations.get(item.client_id))),
      };
    },
    'delete /organizations/{id}/clients': (context) => {
      const associations = associationsOf(context);
      for (const clientId of context.body.clients) associations.delete(clientId);
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    [`get ${ITEM}`]: (context) => ({ status: context.operation.successStatus, body: requireOne(context) }),
    [`patch ${ITEM}`]: (context) => {
      const current = requireOne(context);
      associationsOf(context).set(current.client_id, {
        client_id: current.client_id,
        use_for_member_access: context.body.use_for_member_access ?? current.use_for_member_access,
      });
      context.store.changed();
      return { status: context.operation.successStatus, body: requireOne(context) };
    },
  },
};
