// Fields that name other objects: config holds natural keys, the API ids. One declaration
// per field (RefSpec) gives the references the planner orders by, and the translation both
// ways: names to ids on write, ids to names on read.

import {
  bindWildcards,
  forEachMatch,
  joinPath,
  type PathSegment,
  parsePattern,
  removeAt,
  setAt,
  valueAt,
} from '../../core/field-paths.ts';
import type { ConfigObject } from '../../core/json.ts';
import type { Reference, RefResolver } from '../contract.ts';
import type { RefSpec } from './spec.ts';

export interface CompiledRef {
  spec: RefSpec;
  path: string[];
  api: string[];
  byId: boolean;
  memberOf?: string[];
}

export function compileRefs(type: string, refs: readonly RefSpec[]): CompiledRef[] {
  return refs.map((spec) => {
    const path = parsePattern(spec.path);
    const api = parsePattern(spec.api ?? spec.path);
    const stars = (p: string[]) => p.filter((s) => s === '*' || s === '**').join();
    if (stars(path) !== stars(api)) {
      throw new Error(`${type}: reference ${spec.path} and its API path ${spec.api} differ in wildcards`);
    }
    const byId = (spec.by ?? (spec.memberOf ? 'key' : 'id')) === 'id';
    return { spec, path, api, byId, memberOf: spec.memberOf ? parsePattern(spec.memberOf) : undefined };
  });
}

/**
 * The references a config object holds, in the order written (so an error points at the
 * first). With the object's key, also those that need the target to define that key.
 */
export function referencesOf(
  config: ConfigObject,
  refs: readonly CompiledRef[],
  ownKey?: string,
): Reference[] {
  const found: Reference[] = [];
  for (const ref of refs) {
    forEachMatch(config, ref.path, (container, key, path) => {
      const value = (container as Record<PathSegment, unknown>)[key];
      if (typeof value !== 'string') return;
      if (ref.spec.keyIsMember) {
        found.push({ type: ref.spec.type, key: value, path: joinPath(path) });
        if (ownKey !== undefined)
          found.push({ type: ref.spec.type, key: value, path: joinPath(path), member: ownKey });
      } else if (ref.memberOf) {
        const owner = valueAt(config, bindWildcards(ref.memberOf, ref.path, path));
        if (typeof owner === 'string')
          found.push({ type: ref.spec.type, key: owner, path: joinPath(path), member: value });
      } else {
        found.push({ type: ref.spec.type, key: value, path: joinPath(path) });
      }
    });
  }
  return found;
}

/** Config → API: each name replaced by its object's id (at the API's field). */
export function namesToIds(body: ConfigObject, refs: readonly CompiledRef[], resolver: RefResolver): void {
  for (const ref of refs) {
    if (!ref.byId) continue;
    forEachMatch(body, ref.path, (container, key, path) => {
      const name = (container as Record<PathSegment, unknown>)[key];
      if (typeof name !== 'string') return;
      const id = resolver.idOf(ref.spec.type, name);
      if (ref.api.join() === ref.path.join()) {
        (container as Record<PathSegment, unknown>)[key] = id;
      } else {
        removeAt(container, key);
        setAt(body, bindWildcards(ref.api, ref.path, path), id);
      }
    });
  }
}

/** API → config: each id replaced by its object's name; an id of an object not known stays as it is. */
export function idsToNames(config: ConfigObject, refs: readonly CompiledRef[], resolver: RefResolver): void {
  for (const ref of refs) {
    if (!ref.byId) continue;
    forEachMatch(config, ref.api, (container, key, path) => {
      const id = (container as Record<PathSegment, unknown>)[key];
      if (typeof id !== 'string') return;
      const name = resolver.keyOf(ref.spec.type, id) ?? id;
      if (ref.api.join() === ref.path.join()) {
        (container as Record<PathSegment, unknown>)[key] = name;
      } else {
        removeAt(container, key);
        setAt(config, bindWildcards(ref.path, ref.api, path), name);
      }
    });
  }
}
