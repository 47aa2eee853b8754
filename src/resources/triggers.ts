// Trigger bindings: for each trigger, the ordered list of actions it runs. Written as a map
// of trigger id → bindings, each binding naming its action. A trigger always exists, so a
// "create" binds its first actions and a "delete" unbinds them all.

import type { ConfigObject, Json } from '../core/json.ts';
import type { components } from '../api/schema.ts';
import type { AdapterContext, LiveRecord, ResourceAdapter, WriteRequest } from './contract.ts';

type Binding = components['schemas']['ActionBinding'];

/** The triggers a tenant's own actions can bind to (per the Management API). */
const TENANT_TRIGGERS = [
  'post-login',
  'credentials-exchange',
  'pre-user-registration',
  'post-user-registration',
  'post-change-password',
  'send-phone-message',
  'password-reset-post-challenge',
  'custom-phone-provider',
  'custom-email-provider',
];

interface BindingConfig {
  action: string;
  display_name: string;
}

export const triggersAdapter: ResourceAdapter = {
  type: 'triggers',
  section: 'map',
  mapValueField: 'bindings',
  configFields: {
    add: {
      bindings: {
        type: 'array',
        description: 'Actions run by this trigger, in order: an action name, or { action, display_name }.',
        items: {
          oneOf: [
            { type: 'string' },
            {
              type: 'object',
              additionalProperties: false,
              required: ['action'],
              properties: { action: { type: 'string' }, display_name: { type: 'string' } },
            },
          ],
        },
      },
    },
  },
  secretPaths: [],
  immutableFields: [],

  keyOf: (config) => String(config.id),
  references: (config) =>
    bindingsOf(config).map((b, i) => ({ type: 'actions', key: b.action, path: `bindings.${i}.action` })),
  normaliseDesired: (config) => ({ bindings: bindingsOf(config) as unknown as Json }),
  // A binding's display name is its action's name unless someone chose another.
  omitDefaults: (config) => ({
    ...config,
    bindings: bindingsOf(config).map((b) =>
      b.display_name === b.action ? { action: b.action } : { action: b.action, display_name: b.display_name },
    ) as unknown as Json,
  }),

  async list(ctx) {
    const triggers = await Promise.all(
      TENANT_TRIGGERS.map(async (trigger) => ({
        id: trigger,
        raw: {
          id: trigger,
          bindings: await ctx.api.listPaged<Binding>(
            `/actions/triggers/${encodeURIComponent(trigger)}/bindings`,
            'bindings',
          ),
        },
      })),
    );
    // A trigger with nothing bound is the same as one the config does not mention.
    return triggers.filter((t) => t.raw.bindings.length > 0);
  },

  toConfig(record) {
    const bindings = (record.raw.bindings as Binding[]).map((b) => ({
      action: String(b.action?.name ?? b.id),
      display_name: String(b.display_name ?? b.action?.name),
    }));
    // The id is only there so the generic code can key the live object; the diff ignores it.
    return { id: record.id, bindings: bindings as unknown as Json };
  },

  isSystem: () => false,

  async create(ctx, req) {
    await writeBindings(ctx, req.key, bindingsOf(req.desired));
    return { id: req.key, raw: { id: req.key } } as LiveRecord;
  },
  update: (ctx, req: WriteRequest) => writeBindings(ctx, req.key, bindingsOf(req.desired)),
  delete: (ctx, req) => writeBindings(ctx, req.key, []),

  async findByKey(ctx, key) {
    return (await triggersAdapter.list(ctx)).find((t) => t.id === key);
  },
};

async function writeBindings(ctx: AdapterContext, trigger: string, bindings: BindingConfig[]): Promise<void> {
  await ctx.api.unwrap(
    ctx.api.http.PATCH('/actions/triggers/{triggerId}/bindings', {
      params: { path: { triggerId: trigger as components['schemas']['ActionTriggerTypeEnum'] } },
      body: {
        bindings: bindings.map((b) => ({
          ref: { type: 'action_name' as const, value: b.action },
          display_name: b.display_name,
        })),
      },
    }),
  );
}

function bindingsOf(config: ConfigObject): BindingConfig[] {
  const list = Array.isArray(config.bindings) ? config.bindings : [];
  return list.map((b) => {
    const o = (typeof b === 'string' ? { action: b } : (b ?? {})) as { [k: string]: Json };
    return { action: String(o.action), display_name: String(o.display_name ?? o.action) };
  });
}
