import type { ResourceModule } from '../engine/context.ts';

/** The universal-login page template: absent until PUT, 404 after DELETE (recorded, TestAccBranding). */
export const universalLoginTemplate: ResourceModule = {
  collection: '/branding/templates/universal-login',
  // Deleting what is not there is a 204 (recorded).
  deleteMissing: 'ok',
  notFound: { message: 'Template does not exist.', errorCode: 'inexistent_templates_universal_login' },
};
