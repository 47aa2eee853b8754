// Rules (deprecated by Auth0 in favour of actions, still run where they exist). Natural
// key: name. The script is exported to a file of its own.

import type { ResourceSpec } from './kit/spec.ts';

export const rules: ResourceSpec = {
  kind: 'collection',
  type: 'rules',
  description: 'Rules (deprecated): scripts run in order on every login.',
  key: 'name',
  operations: {
    list: 'GET /rules',
    create: 'POST /rules',
    update: 'PATCH /rules/{id}',
    delete: 'DELETE /rules/{id}',
  },
  fields: { files: { script: '.js' }, defaults: { enabled: true } },
};
