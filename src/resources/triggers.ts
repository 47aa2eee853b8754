// Trigger bindings: for each trigger, the ordered list of actions it runs. Written as a map
// of trigger id → bindings, each naming its action. A trigger always exists, so a "create"
// binds its first actions and a "delete" unbinds them all.

import type { ConfigObject, Json } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

/** The triggers a tenant's own actions can bind to (entity-bound ones refuse a tenant-wide read). */
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

interface Binding {
  action: string;
  display_name: string;
}

export const triggers: ResourceSpec = {
  kind: 'keyed',
  type: 'triggers',
  description: 'Trigger bindings: for each trigger, the actions it runs, in order.',
  section: 'map',
  mapValueField: 'bindings',
  keyParts: [{ param: 'triggerId', field: 'trigger', read: 'all', values: TENANT_TRIGGERS }],
  operations: {
    read: 'GET /actions/triggers/{triggerId}/bindings',
    write: 'PATCH /actions/triggers/{triggerId}/bindings',
  },
  configSchema: false,
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
  // An action name, or a { action, display_name } binding; the action must support this trigger.
  refs: [
    { path: 'bindings.*', type: 'actions', by: 'key', keyIsMember: true },
    { path: 'bindings.*.action', type: 'actions', by: 'key', keyIsMember: true },
  ],
  // The API runs a binding list as written: the same action twice would run twice.
  fields: { distinct: { bindings: ['action'] } },
  reset: { bindings: [] },
  isReset: (config) => bindingsOf(config).length === 0,
  hooks: {
    fromApi: (raw) => ({
      bindings: (Array.isArray(raw.bindings) ? raw.bindings : []).map((b) => {
        const binding = b as { id?: string; display_name?: string; action?: { name?: string } };
        const action = String(binding.action?.name ?? binding.id);
        return { action, display_name: String(binding.display_name ?? action) };
      }),
    }),
    // Order is meaningful (it is the order they run in): only the short form is expanded.
    canonical: (config) => ({ ...config, bindings: bindingsOf(config) as unknown as Json }),
    toApi: (body) => ({
      bindings: bindingsOf(body).map((b) => ({
        ref: { type: 'action_name', value: b.action },
        display_name: b.display_name,
      })),
    }),
    // A binding's display name is its action's name unless someone chose another.
    exported: (config) => ({
      ...config,
      bindings: bindingsOf(config).map((b) =>
        b.display_name === b.action ? b.action : b,
      ) as unknown as Json,
    }),
  },
};

function bindingsOf(config: ConfigObject): Binding[] {
  const list = Array.isArray(config.bindings) ? config.bindings : [];
  return list.map((b) => {
    const o = (typeof b === 'string' ? { action: b } : (b ?? {})) as { [k: string]: Json };
    return { action: String(o.action), display_name: String(o.display_name ?? o.action) };
  });
}
