import { badRequest } from '../http/api-error.ts';
import type { ResourceModule } from '../engine/context.ts';

const MASKED = '********';

export const logStreams: ResourceModule = {
  collection: '/log-streams',
  newId: ({ ids }) => `lst_${ids.digits(16)}`,
  create: (_context, body, id) => ({ id, isPriority: false, ...body, status: body.status ?? 'active' }),
  update: (_context, existing, body) => {
    if (body.type !== undefined && body.type !== existing.type)
      throw badRequest('The type of a log stream cannot be changed', 'invalid_body');
    return { ...existing, ...body, sink: { ...(existing.sink ?? {}), ...(body.sink ?? {}) } };
  },
  // Sink secrets come back in clear, except Mixpanel's password.
  present: (_context, stored) =>
    stored.sink?.mixpanelServiceAccountPassword
      ? { ...stored, sink: { ...stored.sink, mixpanelServiceAccountPassword: MASKED } }
      : stored,
  deleteMissing: 'ok',
  notFound: { message: 'The log stream does not exist', errorCode: 'inexistent_log_stream' },
};
