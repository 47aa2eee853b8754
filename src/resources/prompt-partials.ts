// Partials of the Universal Login prompts: per prompt, HTML for the slots of its screens
// (prompt → screen → slot → HTML), written whole (PUT). Only the prompts config names are
// read. Partials need a custom domain and a page template; a tenant without the feature
// answers "not entitled".

import type { ResourceSpec } from './kit/spec.ts';

export const promptPartials: ResourceSpec = {
  kind: 'keyed',
  type: 'prompt_partials',
  description: 'Partials of Universal Login prompts: prompt → screen → slot (form-content-start, …) → HTML.',
  section: 'map',
  keyParts: [{ param: 'prompt', read: 'named' }],
  operations: {
    read: 'GET /prompts/{prompt}/partials',
    write: 'PUT /prompts/{prompt}/partials',
  },
  reset: {},
  isReset: (config) => Object.keys(config).length === 0,
  feature: 'prompt partials',
};
