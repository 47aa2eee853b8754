// Actions: code, runtime, dependencies and secrets. Natural key: name. Every create or
// update is followed by a deploy once the draft is built, because a trigger can only bind
// deployed code; `deployed: false` in live config makes a half-finished earlier run show up
// as a change, so the next apply finishes it.

import type { ConfigObject, Json } from '../core/json.ts';
import type { components } from '../api/schema.ts';
import { onlyFields, patchBody, sortedByKey, withoutDefaults, withoutFields } from './config-shape.ts';
import type { AdapterContext, LiveRecord, ResourceAdapter } from './contract.ts';

type Action = components['schemas']['GetActionResponseContent'];
type CreateBody = components['schemas']['CreateActionRequestContent'];
type UpdateBody = components['schemas']['UpdateActionRequestContent'];

const CONFIG_FIELDS = ['name', 'code', 'runtime', 'supported_triggers', 'dependencies', 'secrets'];
/** How long a draft may take to build before apply gives up on it. */
const BUILD_TIMEOUT_MS = 120_000;

export const actionsAdapter: ResourceAdapter = {
  type: 'actions',
  section: 'list',
  configSchema: 'CreateActionRequestContent',
  secretPaths: ['secrets.*.value'],
  immutableFields: [],
  convergenceFields: ['deployed'],

  fileFields: [{ field: 'code', extension: '.js' }],
  omitDefaults: (config) =>
    withoutFields(withoutDefaults(config, { dependencies: [], secrets: [] }), ['deployed']),
  keyOf: (config) => String(config.name),
  references: () => [],
  normaliseDesired: (config) => canonical({ ...config, deployed: true }),

  async list(ctx) {
    const actions = await ctx.api.listPaged<Action>('/actions/actions', 'actions');
    return actions.map(recordOf);
  },

  toConfig(record) {
    const raw = record.raw as Action;
    const config = onlyFields(record.raw, CONFIG_FIELDS);
    // Reads give secret names only: the values are write-only.
    if (raw.secrets) config.secrets = raw.secrets.map((s) => ({ name: String(s.name) }));
    if (raw.dependencies)
      config.dependencies = raw.dependencies.map((d) => onlyFields(d, ['name', 'version']));
    config.deployed = raw.all_changes_deployed !== false && raw.deployed_version !== undefined;
    return canonical(config);
  },

  // Marketplace integrations are installed, not written: they are not ours to manage.
  isSystem: (record) => Boolean(record.raw.installed_integration_id || record.raw.integration),

  async create(ctx, req) {
    const created = await ctx.api.unwrap(
      ctx.api.http.POST('/actions/actions', { body: onlyFields(req.desired, CONFIG_FIELDS) as CreateBody }),
    );
    const id = String(created.id);
    await deployWhenBuilt(ctx, id);
    return { id, raw: created as Record<string, unknown> };
  },

  async update(ctx, req) {
    const fields = req.changed.filter((f) => CONFIG_FIELDS.includes(f) && f !== 'name');
    if (fields.length > 0) {
      const body = patchBody(req.desired, fields, undefined);
      await ctx.api.unwrap(
        ctx.api.http.PATCH('/actions/actions/{id}', {
          params: { path: { id: req.id! } },
          body: body as UpdateBody,
        }),
      );
    }
    await deployWhenBuilt(ctx, req.id!);
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(ctx.api.http.DELETE('/actions/actions/{id}', { params: { path: { id: req.id! } } }));
  },

  async findByKey(ctx, key) {
    return (await actionsAdapter.list(ctx)).find((r) => r.raw.name === key);
  },
};

async function deployWhenBuilt(ctx: AdapterContext, id: string): Promise<void> {
  const started = Date.now();
  // A build takes a moment: polling at once would only spend rate limit on 'pending'.
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const action = await ctx.api.unwrap(
      ctx.api.http.GET('/actions/actions/{id}', { params: { path: { id } } }),
    );
    if (action.status === 'built') break;
    if (action.status === 'failed')
      throw new Error(`the action's build failed; check its code and dependencies`);
    if (Date.now() - started > BUILD_TIMEOUT_MS) {
      throw new Error(`the action was still '${action.status}' after ${BUILD_TIMEOUT_MS / 1000} s`);
    }
  }
  await ctx.api.unwrap(ctx.api.http.POST('/actions/actions/{id}/deploy', { params: { path: { id } } }));
}

/** Triggers, dependencies and secrets are sets: sorted so order is never a difference. */
function canonical(config: ConfigObject): ConfigObject {
  const out = { ...config };
  for (const [field, key] of [
    ['supported_triggers', 'id'],
    ['dependencies', 'name'],
    ['secrets', 'name'],
  ] as const) {
    if (Array.isArray(out[field])) {
      out[field] = sortedByKey(out[field] as Record<string, unknown>[], key) as Json;
    }
  }
  return out;
}

function recordOf(action: Action): LiveRecord {
  return { id: String(action.id), raw: action as Record<string, unknown> };
}
