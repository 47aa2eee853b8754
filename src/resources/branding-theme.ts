// The branding theme of the Universal Login pages: at most one per tenant, read as "the
// default theme" (404 while there is none), created once, then changed by its id. Its PATCH
// takes the whole theme (recorded), so the whole theme is sent and compared.

import type { ResourceSpec } from './kit/spec.ts';

export const brandingTheme: ResourceSpec = {
  kind: 'singleton',
  type: 'branding_theme',
  description: 'The Universal Login theme: borders, colours, fonts, page background, widget.',
  operations: {
    read: 'GET /branding/themes/default',
    create: 'POST /branding/themes',
    update: 'PATCH /branding/themes/{themeId}',
  },
  idField: 'themeId',
  wholeUpdate: true,
};
