// `tenantform.ignore` paths are checked against the config schema: a typo (`descripton`)
// would otherwise ignore nothing, silently.

import { closest } from './closest-name.ts';

type Schema = Record<string, unknown>;

/**
 * A checker of one type's ignore paths (dotted, `*` for any element or key): a message for
 * a path naming a field the type does not have, else undefined. Fields below an open map
 * (metadata, options of some strategies) are taken as written.
 */
export function ignorePathChecker(root: object): (type: string, path: string) => string | undefined {
  const defs = ((root as Schema).$defs ?? {}) as Record<string, Schema>;
  const resolve = (node: Schema): Schema[] => {
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/$defs/')) {
      const target = defs[ref.slice('#/$defs/'.length)];
      return target ? resolve(target) : [];
    }
    const branches = [node.anyOf, node.oneOf, node.allOf].flatMap((b) => (Array.isArray(b) ? b : []));
    return [node, ...branches.flatMap((b) => resolve(b as Schema))];
  };
  return (type, path) => {
    const item = defs[`config_${type}`];
    if (!item) return undefined;
    let nodes = resolve(item);
    const walked: string[] = [];
    for (const segment of path.split('.')) {
      const next: Schema[] = [];
      let open = false;
      const known: string[] = [];
      for (const node of nodes) {
        const properties = (node.properties ?? {}) as Record<string, Schema>;
        known.push(...Object.keys(properties));
        if (segment === '*' || /^\d+$/.test(segment)) {
          if (node.items && typeof node.items === 'object') next.push(node.items as Schema);
        }
        if (segment in properties) next.push(properties[segment] as Schema);
        else if (node.additionalProperties && typeof node.additionalProperties === 'object')
          next.push(node.additionalProperties as Schema);
        else if (node.additionalProperties !== false && !node.items) open = true;
      }
      if (next.length === 0) {
        if (open || known.length === 0) return undefined;
        const guess = closest(segment, [...new Set(known)]);
        const where = walked.length ? ` in ${walked.join('.')}` : '';
        return `${type} has no field "${segment}"${where}${guess ? ` (did you mean "${guess}"?)` : ''}: this path ignores nothing`;
      }
      walked.push(segment);
      nodes = next.flatMap(resolve);
    }
    return undefined;
  };
}
