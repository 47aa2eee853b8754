// Rendering of Universal Login screens (Advanced Customizations): per prompt and screen, the
// rendering mode and head tags. Only the screens config names are read (37 prompts × 93
// screens). A tenant without a paid plan answers 402: the type is then unavailable.
// "Deleting" one goes back to the standard rendering.

import type { ResourceSpec } from './kit/spec.ts';

export const promptScreenRenderers: ResourceSpec = {
  kind: 'keyed',
  type: 'prompt_screen_renderers',
  description: 'Rendering of Universal Login screens: prompt → screen → rendering mode, head tags, context.',
  section: 'map',
  keyParts: [
    { param: 'prompt', read: 'named' },
    { param: 'screen', read: 'named' },
  ],
  operations: {
    read: 'GET /prompts/{prompt}/screen/{screen}/rendering',
    write: 'PATCH /prompts/{prompt}/screen/{screen}/rendering',
    list: 'GET /prompts/rendering',
  },
  reset: { rendering_mode: 'standard' },
  isReset: (config) => config.rendering_mode === undefined || config.rendering_mode === 'standard',
  feature: 'advanced customizations',
};
