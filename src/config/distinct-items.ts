// Ordered lists whose elements may not repeat (an adapter's distinctItems: an action bound
// twice to one trigger would run twice). Set-like lists are de-duplicated instead, so they
// converge; these are refused, naming both places.

import { forEachMatch, joinPath, parsePattern } from '../core/field-paths.ts';
import { isPlainObject } from '../core/json.ts';
import type { ResourceAdapter } from '../resources/contract.ts';
import type { ConfigProblem } from './problems.ts';
import type { LoadedObject } from './types.ts';

export function repeatedItems(object: LoadedObject, adapter: ResourceAdapter): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const [pattern, fields] of Object.entries(adapter.distinctItems ?? {})) {
    forEachMatch(object.config, parsePattern(pattern), (container, key, path) => {
      const list = (container as Record<string | number, unknown>)[key];
      if (!Array.isArray(list)) return;
      const first = new Map<string, number>();
      list.forEach((element, index) => {
        const identity = identityOf(element, fields);
        if (identity === undefined) return;
        const earlier = first.get(identity);
        if (earlier === undefined) {
          first.set(identity, index);
          return;
        }
        const dotted = joinPath(path);
        const at =
          object.fields.get(`${dotted}.${index}`) ?? object.fields.get(dotted) ?? object.fields.get('')!;
        const there = object.fields.get(`${dotted}.${earlier}`);
        problems.push({
          file: at.file,
          line: at.line,
          column: at.column,
          path: at.path,
          message: `${identity} is listed twice in ${dotted}${there ? ` (first at line ${there.line})` : ''}; each may appear once`,
        });
      });
    });
  }
  return problems;
}

/** What tells elements apart: a plain value itself (the short form of the first field), else the fields'. */
function identityOf(element: unknown, fields: readonly string[]): string | undefined {
  if (typeof element === 'string' || typeof element === 'number') return JSON.stringify(element);
  if (!isPlainObject(element)) return undefined;
  const values = fields.map((f) => element[f]);
  if (values.some((v) => v === undefined)) return undefined;
  return values.length === 1 ? JSON.stringify(values[0]) : JSON.stringify(values);
}
