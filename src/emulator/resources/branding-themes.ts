import type { ResourceModule } from '../engine/context.ts';
import { conflict, notFound } from '../http/api-error.ts';

/**
 * The branding theme, as TestAccBrandingTheme*.yaml shows it: at most one per tenant, a 32-character
 * `themeId`, create answers 200, PATCH takes the whole theme, and `/branding/themes/default` reads it
 * or answers this 404 while there is none.
 */
const NOT_FOUND = {
  message: 'There was an error retrieving branding settings: invalid theme ID',
  errorCode: 'theme_not_found',
};

export const brandingThemes: ResourceModule = {
  collection: '/branding/themes',
  idField: 'themeId',
  newId: ({ ids }) => ids.alphanumeric(32),
  create: ({ store }, body, themeId) => {
    // The wording of this conflict is unconfirmed; auth0-deploy-cli PATCHes an existing theme.
    if (store.collection('/branding/themes').size > 0)
      throw conflict('The tenant already has a branding theme', 'theme_already_exists');
    return { ...body, themeId };
  },
  update: (_context, existing, body) => ({ ...body, themeId: existing.themeId }),
  notFound: NOT_FOUND,
  routes: {
    'get /branding/themes/default': (context) => {
      const theme = context.store.collection('/branding/themes').values().next().value;
      if (!theme) throw notFound(NOT_FOUND.message, NOT_FOUND.errorCode);
      return { status: context.operation.successStatus, body: theme };
    },
  },
};
