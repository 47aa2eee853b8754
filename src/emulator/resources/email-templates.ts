import { conflict } from '../http/api-error.ts';
import type { ResourceModule } from '../engine/context.ts';

/** Email templates are keyed by their template name (`verify_email`), one of each. */
export const emailTemplates: ResourceModule = {
  collection: '/email-templates',
  idField: 'template',
  newId: ({ body }) => String(body.template),
  create: ({ store }, body) => {
    if (store.collection('/email-templates').has(body.template)) {
      throw conflict(`Template ${String(body.template)} already exists.`, 'conflict');
    }
    return { ...body };
  },
  notFound: { message: 'Template not found', errorCode: 'inexistent_email_template' },
};
