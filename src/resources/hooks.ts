// Hooks (deprecated by Auth0 in favour of actions). Natural key: name; the trigger cannot
// change in place. Secrets are a map of name → value kept behind endpoints of their own and
// write-only (reads give `_VALUE_NOT_SHOWN_`): they are written, all of them, whenever the
// hook is, and names config no longer has are removed. Export writes each name the tenant
// has, its value a ${VAR} to fill in; plans never compare them.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

/** Where the secret names read with a hook are kept on its raw record (not a config field). */
const SECRET_NAMES = 'tenantform:secret_names';

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
    async readMore(ctx, raw) {
      ctx.perObjectReads?.count('hooks', 'secrets');
      const path = { params: { path: { id: String(raw.id) } } };
      return {
        [SECRET_NAMES]: Object.keys(
          (await ctx.api.unwrap(ctx.api.http.GET('/hooks/{id}/secrets', path))) ?? {},
        ),
      };
    },
    fromApi: ({ [SECRET_NAMES]: _, ...raw }) => structuredClone(raw) as ConfigObject,
    // Each name with a placeholder value: export replaces it with a ${VAR} (secrets.* is secret).
    exported: (config, raw) => {
      const names = Array.isArray(raw[SECRET_NAMES]) ? (raw[SECRET_NAMES] as string[]) : [];
      return names.length === 0
        ? config
        : { ...config, secrets: Object.fromEntries(names.map((name) => [name, 'set in the tenant'])) };
    },
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
