// Custom text of the Universal Login prompts: one dictionary per prompt and language,
// written whole (PUT), so a string removed from config is removed from the tenant. A tenant
// may have 35 prompts in 80 languages: only the prompts config names are read, in the
// languages config names or the tenant has enabled.

import type { AdapterContext } from './contract.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const promptCustomText: ResourceSpec = {
  kind: 'keyed',
  type: 'prompt_custom_text',
  description: 'Custom text of Universal Login prompts: prompt → language → screen → text keys.',
  section: 'map',
  keyParts: [
    { param: 'prompt', read: 'named' },
    { param: 'language', read: 'named', discover: enabledLanguages },
  ],
  operations: {
    read: 'GET /prompts/{prompt}/custom-text/{language}',
    write: 'PUT /prompts/{prompt}/custom-text/{language}',
  },
  reset: {},
  isReset: (config) => Object.keys(config).length === 0,
};

async function enabledLanguages(ctx: AdapterContext): Promise<string[]> {
  const settings = await ctx.api.unwrap(ctx.api.http.GET('/tenants/settings'));
  return (settings.enabled_locales ?? []).map(String);
}
