import { type ApiDocument, type Operation, schemaVariants } from '../openapi/document.ts';

/**
 * What an operation does to the tenant, read from the shape of the paths alone:
 * `/x` with `/x/{id}` is a collection, `/x/{id}` an item (when `/x` itself is an operation), a static path with no items a
 * singleton, and a POST on a static path below an item an action (`/actions/actions/{id}/deploy`).
 */
export type OperationShape = 'collection' | 'item' | 'singleton' | 'action';

export function classifyOperations(document: ApiDocument): Map<Operation, OperationShape> {
  const templates = new Map<string, Set<string>>();
  for (const op of document.operations) {
    const methods = templates.get(op.pathTemplate) ?? new Set<string>();
    methods.add(op.method);
    templates.set(op.pathTemplate, methods);
  }
  const hasItemChild = new Set<string>();
  for (const template of templates.keys()) {
    const segments = template.split('/');
    if (segments[segments.length - 1].startsWith('{')) hasItemChild.add(segments.slice(0, -1).join('/'));
  }
  const shapes = new Map<Operation, OperationShape>();
  for (const op of document.operations) {
    const last = op.segments[op.segments.length - 1] ?? '';
    const methods = templates.get(op.pathTemplate) ?? new Set<string>();
    const belowItem = op.segments.length >= 2 && op.segments[op.segments.length - 2].startsWith('{');
    let shape: OperationShape;
    // An item whose collection has no operation of its own (`/prompts/{p}/custom-text/{lang}`)
    // is a singleton per key: reading an unset one gives its defaults, not a 404.
    if (last.startsWith('{'))
      shape = templates.has(`/${op.segments.slice(0, -1).join('/')}`) ? 'item' : 'singleton';
    else if (hasItemChild.has(op.pathTemplate)) shape = 'collection';
    else if (op.method === 'post' && !methods.has('get'))
      shape = belowItem || op.segments.length > 1 ? 'action' : 'collection';
    // GET+POST is a collection; with PATCH too it is a singleton created once (`/emails/provider`).
    else if (methods.has('get') && methods.has('post') && !methods.has('patch')) shape = 'collection';
    else if (
      belowItem &&
      methods.has('get') &&
      (methods.has('delete') || methods.has('patch')) &&
      !methods.has('put') &&
      !methods.has('post')
    )
      shape = 'collection';
    else if (methods.size === 1 && op.method === 'get' && answersList(document, op)) shape = 'collection';
    else shape = 'singleton';
    shapes.set(op, shape);
  }
  return shapes;
}

const PAGING = new Set(['page', 'per_page', 'include_totals', 'from', 'take']);

/** A read-only path is a list when it pages or its response is an array (`/clients/{id}/connections`). */
function answersList(document: ApiDocument, op: Operation): boolean {
  if (op.parameters.some((p) => p.in === 'query' && PAGING.has(p.name))) return true;
  return schemaVariants(document, op.responseSchema).some((s) => s?.type === 'array');
}
