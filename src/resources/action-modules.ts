// Action modules (Early Access): code shared by actions, with its own dependencies and
// secrets. Natural key: name. Actions use a published version of a module, so every create
// or update is followed by publishing one; `published: false` in live config makes a change
// left unpublished by an earlier run show up, so the next apply publishes it.

import type { ResourceSpec } from './kit/spec.ts';
import { codeFromApi } from './actions.ts';

export const actionModules: ResourceSpec = {
  kind: 'collection',
  type: 'action_modules',
  description:
    'Action modules: code, dependencies and secrets shared by actions, published as numbered versions.',
  key: 'name',
  operations: {
    list: 'GET /actions/modules',
    create: 'POST /actions/modules',
    update: 'PATCH /actions/modules/{id}',
    delete: 'DELETE /actions/modules/{id}',
  },
  fields: {
    writeOnly: ['secrets.*.value'],
    // `publish` asks the create to publish at once: a request flag, not a setting.
    serverOnly: ['publish'],
    sets: { dependencies: ['name'], secrets: ['name'] },
    files: { code: '.js' },
    defaults: { dependencies: [], secrets: [] },
    convergence: { published: true },
  },
  feature: 'action modules',
  hooks: {
    fromApi: (raw) => ({ ...codeFromApi(raw), published: raw.all_changes_published === true }),
    async afterWrite(ctx, record) {
      await ctx.api.unwrap(
        ctx.api.http.POST('/actions/modules/{id}/versions', { params: { path: { id: record.id } } }),
      );
    },
  },
};
