import type { ResourceModule } from '../engine/context.ts';

const RULES_CONFIGS = '/rules-configs';

/**
 * Rules configs (recorded, TestAccRuleConfig): set by `PUT /rules-configs/{key}`, which answers
 * `{key, value}`; the list gives keys only (the values are write-only).
 */
export const rulesConfigs: ResourceModule = {
  collection: RULES_CONFIGS,
  idField: 'key',
  present: (_context, stored) => ({ key: stored.key }),
  deleteMissing: 'ok',
  routes: {
    'put /rules-configs/{key}': (context) => {
      const stored = { key: context.params.key, value: context.body?.value };
      context.store.collection(RULES_CONFIGS).set(String(context.params.key), stored);
      context.store.changed();
      return { status: context.operation.successStatus, body: stored };
    },
  },
};
