import type { ResourceModule } from '../engine/context.ts';

/**
 * The universal-login page template (recorded, TestAccBranding): absent until PUT, 404 after
 * DELETE. A PUT takes the HTML as a JSON string (the Go SDK) or as `{ template }`, answers 201
 * with `{}`, and a read gives the HTML back as `body`.
 */
export const universalLoginTemplate: ResourceModule = {
  collection: '/branding/templates/universal-login',
  create: (_context, body) => ({ body: typeof body === 'string' ? body : body?.template }),
  present: (context, stored) => (context.operation.method === 'put' ? {} : stored),
  // Deleting what is not there is a 204 (recorded).
  deleteMissing: 'ok',
  notFound: { message: 'Template does not exist.', errorCode: 'inexistent_templates_universal_login' },
};
