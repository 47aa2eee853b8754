import { conflict } from '../http/api-error.ts';
import type { ResourceModule } from '../engine/context.ts';

export const organizations: ResourceModule = {
  collection: '/organizations',
  newId: ({ ids }) => ids.prefixed('org'),
  create: ({ store }, body, id) => {
    for (const org of store.collection('/organizations').values()) {
      if (org.name === body.name) throw conflict('An organization with this name already exists', 'conflict');
    }
    return { id, display_name: body.name, ...body };
  },
  notFound: { message: 'The organization does not exist', errorCode: 'inexistent_organization' },
};
