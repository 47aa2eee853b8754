// Dotted field paths with wildcards (`options.mfa.active`, `secrets.*.value`, `**.flow_id`), as
// used by specs' secret and reference paths and by the config's `ignore:` lists. A path segment
// is an object key or an array index; `*` stands for exactly one segment of either kind, `**`
// for any number of them (none included).

import { isPlainObject } from './json.ts';

export type PathSegment = string | number;

export function parsePattern(pattern: string): string[] {
  return pattern.split('.').filter((s) => s.length > 0);
}

export function joinPath(segments: readonly PathSegment[]): string {
  return segments.map(String).join('.');
}

/**
 * A segment matching any key whose name says it holds a secret (`client_secret`, `sasKey`,
 * `app_secret`, `password`, `auth_token`, `credentials`), except the names after `!`
 * (`~secret-name!refresh_token,token_dialect`): the safety net under declared secrets.
 */
export const SECRET_NAME_SEGMENT = '~secret-name';
const SECRET_NAME = /(secret|password|passwd|passphrase|token|credentials?|[a-z0-9](_key|Key|_KEY))$/i;

/** The safety-net segment for a type whose listed field names are not secrets. */
export function secretNameSegment(notSecret: readonly string[]): string {
  return notSecret.length === 0 ? SECRET_NAME_SEGMENT : `${SECRET_NAME_SEGMENT}!${notSecret.join(',')}`;
}

function segmentMatches(patternSegment: string, segment: PathSegment): boolean {
  if (patternSegment.startsWith(SECRET_NAME_SEGMENT)) {
    if (typeof segment !== 'string' || !SECRET_NAME.test(segment)) return false;
    const except = patternSegment.slice(SECRET_NAME_SEGMENT.length + 1);
    return !except.split(',').includes(segment);
  }
  return patternSegment === '*' || patternSegment === String(segment);
}

/** The path is the pattern's target or lies inside it (a pattern covers its whole subtree). */
export function isCoveredBy(path: readonly PathSegment[], pattern: readonly string[]): boolean {
  if (pattern[0] === '**') {
    const rest = pattern.slice(1);
    for (let start = 0; start <= path.length; start++) if (isCoveredBy(path.slice(start), rest)) return true;
    return false;
  }
  if (pattern.length > path.length) return false;
  return pattern.every((p, i) => segmentMatches(p, path[i] as PathSegment));
}

/** The path is exactly the pattern's target (not something inside it). */
export function matchesExactly(path: readonly PathSegment[], pattern: readonly string[]): boolean {
  if (pattern[0] === '**') {
    const rest = pattern.slice(1);
    for (let start = 0; start <= path.length; start++)
      if (matchesExactly(path.slice(start), rest)) return true;
    return false;
  }
  return pattern.length === path.length && pattern.every((p, i) => segmentMatches(p, path[i] as PathSegment));
}

/** The pattern points strictly inside the value at this path (a secret nested in an array, say). */
export function reachesBelow(path: readonly PathSegment[], pattern: readonly string[]): boolean {
  if (pattern.includes('**')) return true;
  if (pattern.length <= path.length) return false;
  return path.every((s, i) => segmentMatches(pattern[i] as string, s));
}

/**
 * Calls visit for every existing location the pattern matches in root, deepest containers
 * last so a visitor may delete the key it is given.
 */
export function forEachMatch(
  root: unknown,
  pattern: readonly string[],
  visit: (container: Record<string, unknown> | unknown[], key: PathSegment, path: PathSegment[]) => void,
  prefix: PathSegment[] = [],
): void {
  // Called for every secret path of every object at load: one path stack, copied only for a visit.
  matchFrom(root, pattern, 0, visit, [...prefix]);
}

function matchFrom(
  root: unknown,
  pattern: readonly string[],
  at: number,
  visit: (container: Record<string, unknown> | unknown[], key: PathSegment, path: PathSegment[]) => void,
  path: PathSegment[],
): void {
  if (at >= pattern.length) return;
  const head = pattern[at] as string;
  const last = at === pattern.length - 1;
  if (head === '**') {
    matchFrom(root, pattern, at + 1, visit, path);
    if (Array.isArray(root)) {
      for (let i = 0, n = root.length; i < n; i++) {
        path.push(i);
        matchFrom(root[i], pattern, at, visit, path);
        path.pop();
      }
    } else if (isPlainObject(root)) {
      for (const key of Object.keys(root)) {
        path.push(key);
        matchFrom(root[key], pattern, at, visit, path);
        path.pop();
      }
    }
    return;
  }
  const step = (container: Record<string, unknown> | unknown[], key: PathSegment) => {
    path.push(key);
    if (last) visit(container, key, [...path]);
    else matchFrom((container as Record<PathSegment, unknown>)[key], pattern, at + 1, visit, path);
    path.pop();
  };
  if (Array.isArray(root)) {
    if (head === '*') {
      for (let i = 0, n = root.length; i < n; i++) step(root, i);
    } else if (/^\d+$/.test(head) && Number(head) < root.length) step(root, Number(head));
  } else if (isPlainObject(root)) {
    if (head === '*') {
      for (const key of Object.keys(root)) step(root, key);
    } else if (head.startsWith(SECRET_NAME_SEGMENT)) {
      // Secret by name only where the value is text: `refresh_token` settings are no secret.
      const named = Object.keys(root).filter(
        (key) => typeof root[key] === 'string' && segmentMatches(head, key),
      );
      for (const key of named) step(root, key);
    } else if (Object.hasOwn(root, head)) step(root, head);
  }
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

export function hasValueAt(root: unknown, path: readonly PathSegment[]): boolean {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number' && segment < current.length) {
      current = current[segment];
    } else if (isPlainObject(current) && Object.hasOwn(current, String(segment))) {
      current = current[String(segment)];
    } else {
      return false;
    }
  }
  return current !== undefined;
}

export function removeAt(container: Record<string, unknown> | unknown[], key: PathSegment): void {
  // Array elements are blanked rather than spliced so sibling indices (and the other
  // patterns still to apply) keep pointing at the same elements.
  if (Array.isArray(container)) container[key as number] = undefined;
  else delete container[String(key)];
}

/**
 * `pattern` with its `*`s bound, in order, to the segments `matched` has where `like` has
 * its `*`s: the sibling of a matched path (`permissions.3.name` like `permissions.*.name`
 * binds `permissions.*.resource_server` to `permissions.3.resource_server`).
 */
export function bindWildcards(
  pattern: readonly string[],
  like: readonly string[],
  matched: readonly PathSegment[],
): PathSegment[] {
  const bound = like.flatMap((segment, i) => (segment === '*' ? [matched[i] as PathSegment] : []));
  let next = 0;
  return pattern.map((segment) => (segment === '*' ? (bound[next++] as PathSegment) : segment));
}

/** Sets the value at path, creating objects on the way; false when an array or scalar is in the way. */
export function setAt(root: Record<string, unknown>, path: readonly PathSegment[], value: unknown): boolean {
  let current: unknown = root;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (Array.isArray(current) && typeof segment === 'number') {
      if (last) current[segment] = value;
      else current = current[segment];
    } else if (isPlainObject(current)) {
      const key = String(segment);
      if (last) current[key] = value;
      else {
        if (current[key] === undefined) current[key] = typeof path[i + 1] === 'number' ? [] : {};
        current = current[key];
      }
    } else {
      return false;
    }
  }
  return true;
}
