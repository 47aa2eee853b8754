// Branding of the Universal Login pages: colours, logo, favicon and font. One object per
// tenant that always exists. A PATCH of it resets the prompts settings: that type declares
// it waits for this one (src/resources/prompts-settings.ts).

import type { ResourceSpec } from './kit/spec.ts';

export const branding: ResourceSpec = {
  kind: 'singleton',
  type: 'branding',
  description: 'Branding of the Universal Login pages: colours, logo, favicon, font.',
  operations: { read: 'GET /branding', update: 'PATCH /branding' },
};
