// References between objects are by natural key. Each must resolve to an object in config or,
// when the caller has read the tenant, to a live one — checked before any write, with the
// position of the referencing field.

import type { ResourceAdapter } from '../resources/contract.ts';
import type { ConfigProblem } from './problems.ts';
import type { DesiredObject, FieldLocation, LoadedConfig } from './types.ts';

/**
 * Problems for references that resolve nowhere. `liveKeys` (type → keys) is what the tenant
 * has, plus any extra keys the caller knows of (e.g. `resource_servers_scopes` →
 * "identifier scope" for scopes defined on live APIs): a reference of type T with key K
 * resolves if K is in config T or in liveKeys T. Pure: no I/O.
 */
export function checkReferences(
  loaded: Pick<LoadedConfig, 'objects' | 'byType'>,
  adapters: readonly ResourceAdapter[],
  liveKeys?: ReadonlyMap<string, ReadonlySet<string>>,
): ConfigProblem[] {
  const adapterOf = new Map(adapters.map((a) => [a.type, a]));
  const problems: ConfigProblem[] = [];
  for (const object of loaded.objects) {
    const adapter = adapterOf.get(object.type);
    if (!adapter) continue;
    for (const ref of adapter.references(object.config)) {
      if (loaded.byType.get(ref.type)?.has(ref.key) || liveKeys?.get(ref.type)?.has(ref.key)) continue;
      const at = fieldLocation(object, ref.path);
      const where = liveKeys ? 'in config or in the tenant' : 'in config';
      problems.push({
        file: at.file,
        line: at.line,
        column: at.column,
        path: at.path,
        message: `${ref.type}.${JSON.stringify(ref.key)} not found ${where}`,
      });
    }
  }
  return problems;
}

/** The referencing field, or its nearest enclosing field the adapter's path leads through. */
function fieldLocation(object: DesiredObject, dottedPath: string): FieldLocation {
  const segments = dottedPath ? dottedPath.split('.') : [];
  for (let n = segments.length; n > 0; n--) {
    const found = object.fields.get(segments.slice(0, n).join('.'));
    if (found) return found;
  }
  return object.fields.get('') ?? { ...object.source, path: object.path };
}
