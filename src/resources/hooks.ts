// Hooks (deprecated by Auth0 in favour of actions). Natural key: name; the trigger cannot
// change in place. Secrets are a map of name → value kept behind endpoints of their own and
// write-only (reads give `_VALUE_NOT_SHOWN_`): they are written, all of them, whenever the
// hook is, and names config no longer has are removed.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const hooks: ResourceSpec = {
  kind: 'collection',
  type: 'hooks',
  description: 'Hooks (deprecated): Node.js code run at extensibility points, with secrets.',
  key: 'name',
  operations: {
    list: 'GET /hooks',
    create: 'POST /hooks',
    update: 'PATCH /hooks/{id}',
    delete: 'DELETE /hooks/{id}',
  },
  configFields: {
    add: {
      secrets: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Secret name → value, available to the hook as context.webtask.secrets (write-only).',
      },
    },
  },
  fields: {
    writeOnly: ['secrets.*'],
    immutable: ['triggerId'],
    files: { script: '.js' },
    defaults: { enabled: false, dependencies: {} },
  },
  hooks: {
    toApi: ({ secrets: _, ...body }) => body as ConfigObject,
    async afterWrite(ctx, record, desired) {
      const wanted = desired.secrets as Record<string, string> | undefined;
      if (!wanted) return;
      const path = { params: { path: { id: record.id } } };
      const existing = Object.keys(
        (await ctx.api.unwrap(ctx.api.http.GET('/hooks/{id}/secrets', path))) ?? {},
      );
      const added = Object.fromEntries(Object.entries(wanted).filter(([name]) => !existing.includes(name)));
      const kept = Object.fromEntries(Object.entries(wanted).filter(([name]) => existing.includes(name)));
      const removed = existing.filter((name) => !(name in wanted));
      if (Object.keys(added).length > 0)
        await ctx.api.unwrap(ctx.api.http.POST('/hooks/{id}/secrets', { ...path, body: added }));
      if (Object.keys(kept).length > 0)
        await ctx.api.unwrap(ctx.api.http.PATCH('/hooks/{id}/secrets', { ...path, body: kept }));
      if (removed.length > 0)
        await ctx.api.unwrap(ctx.api.http.DELETE('/hooks/{id}/secrets', { ...path, body: removed }));
    },
  },
};
