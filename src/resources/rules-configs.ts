// Rules configs (deprecated with rules): key → value settings rules read as
// `configuration.KEY`. Created and changed by one PUT per key; the value is write-only (the
// list gives keys only), so it is written on create and is not compared afterwards.

import type { ConfigObject } from '../core/json.ts';
import type { ResourceSpec } from './kit/spec.ts';

export const rulesConfigs: ResourceSpec = {
  kind: 'collection',
  type: 'rules_configs',
  description: 'Rules configs (deprecated): key → secret value settings available to rules.',
  key: 'key',
  idField: 'key',
  operations: {
    list: 'GET /rules-configs',
    create: 'PUT /rules-configs/{key}',
    update: 'PUT /rules-configs/{key}',
    delete: 'DELETE /rules-configs/{key}',
  },
  configFields: {
    add: { key: { type: 'string', description: 'The setting name rules read as configuration.KEY.' } },
  },
  fields: { writeOnly: ['value'] },
  hooks: {
    // The key is in the path, not the body.
    toApi: ({ key: _, ...body }) => body as ConfigObject,
    // Never read back, yet required: export writes a placeholder for it.
    exported: (config) => ({ ...config, value: '' }),
  },
};
