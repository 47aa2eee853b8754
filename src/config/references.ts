// References between objects are by natural key. Each must resolve to an object in config or,
// when the caller has read the tenant, to a live one — checked before any write, with the
// position of the referencing field.

import type { Reference, ResourceAdapter } from '../resources/contract.ts';
import { ConfigError, type ConfigProblem } from './problems.ts';
import type { LoadedObject, FieldLocation, LoadedConfig } from './types.ts';

/** type → key → names defined inside that live object (a live resource server's scopes). */
export type LiveMembers = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;

/**
 * Problems for references that resolve nowhere. Pure: no I/O.
 *
 * A reference of type T with key K resolves if K is in config T or in `liveKeys` T (what the
 * tenant has, plus any extra keys the caller knows of). A reference with a `member` (a scope
 * of a resource server) also needs the target to define it: per the target adapter's
 * membersOf when the target is in config (config is what the tenant will be), else per
 * `liveMembers`; a live target whose members the caller did not pass is given the benefit
 * of the doubt.
 */
export function checkReferences(
  loaded: Pick<LoadedConfig, 'objects' | 'byType'>,
  adapters: readonly ResourceAdapter[],
  liveKeys?: ReadonlyMap<string, ReadonlySet<string>>,
  liveMembers?: LiveMembers,
): ConfigProblem[] {
  const adapterOf = new Map(adapters.map((a) => [a.type, a]));
  const membersInConfig = new Map<LoadedObject, Set<string>>();
  const membersOf = (target: LoadedObject) => {
    let members = membersInConfig.get(target);
    if (!members) {
      members = new Set(adapterOf.get(target.type)?.membersOf?.(target.config) ?? []);
      membersInConfig.set(target, members);
    }
    return members;
  };
  const where = liveKeys ? 'in config or in the tenant' : 'in config';
  const problems: ConfigProblem[] = [];
  const report = (object: LoadedObject, ref: Reference, message: string) => {
    const { file, line, column, path } = fieldLocation(object, ref.path);
    problems.push({ file, line, column, path, message });
  };

  for (const object of loaded.objects) {
    const adapter = adapterOf.get(object.type);
    if (!adapter) continue;
    const refs = adapter.references(object.config, object.key);
    for (const ref of refs) {
      const inConfig = loaded.byType.get(ref.type)?.get(ref.key);
      const inTenant = liveKeys?.get(ref.type)?.has(ref.key) ?? false;
      // Named only in a message: most references resolve.
      const target = () => `${ref.type}.${JSON.stringify(ref.key)}`;
      if (!inConfig && !inTenant) {
        // The target itself is reported once, by the plain reference next to the member ones.
        const reportedElsewhere =
          ref.member !== undefined &&
          refs.some((r) => r.member === undefined && r.type === ref.type && r.key === ref.key);
        if (!reportedElsewhere) report(object, ref, `${target()} not found ${where}`);
        continue;
      }
      if (ref.member === undefined) continue;
      const members = inConfig ? membersOf(inConfig) : liveMembers?.get(ref.type)?.get(ref.key);
      if (members && !members.has(ref.member)) {
        const field = adapterOf.get(ref.type)?.membersPath;
        report(
          object,
          ref,
          `${JSON.stringify(ref.member)} is not defined by ${target()}${field ? ` in ${field}` : ''}${defines(members)}`,
        );
      }
    }
  }
  return problems;
}

/** checkReferences, throwing a ConfigError when any reference resolves nowhere. */
export function assertReferences(...args: Parameters<typeof checkReferences>): void {
  const problems = checkReferences(...args);
  if (problems.length) throw new ConfigError(problems);
}

function defines(members: ReadonlySet<string>): string {
  if (members.size === 0) return ' (it defines none)';
  const shown = [...members].sort().slice(0, 12);
  return ` (it defines: ${shown.join(', ')}${members.size > shown.length ? ', …' : ''})`;
}

/** The referencing field, or its nearest enclosing field the adapter's path leads through. */
function fieldLocation(object: LoadedObject, dottedPath: string): FieldLocation {
  const segments = dottedPath ? dottedPath.split('.') : [];
  for (let n = segments.length; n > 0; n--) {
    const found = object.fields.get(segments.slice(0, n).join('.'));
    if (found) return found;
  }
  return object.fields.get('') ?? { ...object.source, path: object.path };
}
