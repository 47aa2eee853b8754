// Forms (the Forms builder): nodes, start and ending, style, messages, translations. The
// list gives summaries, so each form is read whole. A form runs flows by id anywhere in its
// nodes (a FLOW node's config, the ending's after_submit): config names them.

import type { ResourceSpec } from './kit/spec.ts';

export const forms: ResourceSpec = {
  kind: 'collection',
  type: 'forms',
  description: 'Forms: nodes (steps, flows, routers), start, ending, style, messages, translations.',
  key: 'name',
  operations: {
    list: 'GET /forms',
    read: 'GET /forms/{id}',
    create: 'POST /forms',
    update: 'PATCH /forms/{id}',
    delete: 'DELETE /forms/{id}',
  },
  refs: [{ path: '**.flow_id', type: 'flows' }],
  // The nodes are the form's definition: a JSON file of their own.
  fields: { files: { nodes: '.json' } },
};
