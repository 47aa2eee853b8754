import { conflict, notFound } from '../http/api-error.ts';
import type { ResourceModule } from '../engine/context.ts';

export const clientGrants: ResourceModule = {
  collection: '/client-grants',
  newId: ({ ids }) => ids.prefixed('cgr'),
  create: ({ store }, body, id) => {
    // A grant `default_for` a kind of client names no client (recorded, TestAccClientGrant_DefaultFor).
    if (body.client_id !== undefined && !store.collection('/clients').has(body.client_id))
      throw notFound('Client not found', 'inexistent_client');
    if (!store.findBy('/resource-servers', 'identifier', body.audience))
      throw notFound(
        `No resource server found by identifier: ${body.audience}`,
        'inexistent_resource_server',
      );
    // One grant per client and audience (and per audience for a default grant, which names no client).
    if (
      store
        .filterBy('/client-grants', 'client_id', body.client_id)
        .some((g) => g.audience === body.audience && g.default_for === body.default_for)
    )
      throw conflict('A client grant for this client and audience already exists', 'client_grant_conflict');
    return { id, scope: [], ...body, is_system: false, subject_type: body.subject_type ?? 'client' };
  },
  deleteMissing: 'ok',
  notFound: { message: 'The client grant does not exist', errorCode: 'inexistent_client_grant' },
};
