// Field-level differences between a desired config object and the live one, with the
// semantics that make plans converge: the user's config is a subset of what the tenant
// returns, so only what the config says is compared.

import { type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import {
  forEachMatch,
  hasValueAt,
  isCoveredBy,
  joinPath,
  parsePattern,
  type PathSegment,
  reachesBelow,
  removeAt,
  valueAt,
} from '../core/field-paths.ts';
import deepDiff from 'deep-diff';
import type { FieldChange } from './model.ts';

/** What a secret value is shown as, everywhere: text, JSON, Markdown, saved plans. */
export const SENSITIVE = '(sensitive)';

export interface DiffOptions {
  /** The adapter's secret field patterns (`client_secret`, `secrets.*.value`). */
  secretPaths: readonly string[];
  /** Paths the config says to leave alone (`ignore:`): neither compared nor reported. */
  ignore?: readonly string[];
  /**
   * Compare whole objects: what the tenant has and config does not is a difference too
   * (types written with PUT, where the write removes it). Default: config's fields only.
   */
  exact?: boolean;
}

/**
 * Differences between desired and live, sorted by path.
 * - Objects: subset semantics, only keys present in desired are compared (recursively), so a
 *   field the server adds is not a difference; with `exact`, every key on either side is.
 * - Arrays: compared whole and reported at the array's path (adapters put set-like arrays in
 *   canonical order before this point).
 * - Ignored paths are removed from both sides first.
 * - A secret is compared only when the tenant returns it; write-only secrets are absent from
 *   live and would otherwise be a perpetual diff. Secret values never leave this function:
 *   a change at a secret path carries `(sensitive)` and `sensitive: true`, and secrets nested
 *   in a reported value (an array of objects, say) are replaced by `(sensitive)`.
 */
export function diffObject(desired: ConfigObject, live: ConfigObject, opts: DiffOptions): FieldChange[] {
  const secretPatterns = opts.secretPaths.map(parsePattern);
  const ignorePatterns = (opts.ignore ?? []).map(parsePattern);
  const want = structuredClone(desired) as ConfigObject;
  const have = structuredClone(live) as ConfigObject;
  for (const pattern of ignorePatterns) {
    forEachMatch(want, pattern, removeAt);
    forEachMatch(have, pattern, removeAt);
  }
  for (const pattern of secretPatterns) {
    forEachMatch(want, pattern, (container, key, path) => {
      if (hasValueAt(have, path)) return;
      removeAt(container, key);
      // An object that held only write-only secrets, which the tenant leaves out entirely.
      const parent = path.slice(0, -1);
      if (parent.length > 0 && isEmptyObject(container) && !hasValueAt(have, parent))
        removeAt(valueAt(want, parent.slice(0, -1)) as Record<string, unknown>, parent.at(-1)!);
    });
  }
  const compared = opts.exact ? have : projectOnto(have, want);

  const reported = new Map<string, PathSegment[]>();
  for (const difference of deepDiff.diff<unknown>(compared, want) ?? []) {
    const path = upToFirstArray(difference.path ?? []);
    reported.set(joinPath(path), path);
  }
  return [...reported.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, path]) => fieldChange(path, valueAt(compared, path), valueAt(want, path), secretPatterns));
}

/** The fields of an object about to be created, one per top-level field, secrets masked. */
export function fieldsOfNewObject(desired: ConfigObject, secretPaths: readonly string[]): FieldChange[] {
  const secretPatterns = secretPaths.map(parsePattern);
  return Object.keys(desired)
    .sort()
    .map((field) => fieldChange([field], undefined, desired[field], secretPatterns));
}

function isEmptyObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 0;
}

/** The top-level fields an update has to send, in first-seen order. */
export function changedTopLevelFields(fields: readonly FieldChange[]): string[] {
  return [...new Set(fields.map((f) => f.path.split('.')[0] as string))];
}

/** The live value cut down to the keys desired has, recursively through objects only. */
function projectOnto(live: unknown, desired: unknown): unknown {
  if (!isPlainObject(live) || !isPlainObject(desired)) return live;
  const projected: Record<string, unknown> = {};
  for (const key of Object.keys(desired)) {
    if (Object.hasOwn(live, key)) projected[key] = projectOnto(live[key], desired[key]);
  }
  return projected;
}

/** deep-diff reports inside arrays by index; arrays are compared whole, so report the array. */
function upToFirstArray(path: readonly PathSegment[]): PathSegment[] {
  const index = path.findIndex((segment) => typeof segment === 'number');
  return index === -1 ? [...path] : path.slice(0, index);
}

function fieldChange(
  path: PathSegment[],
  before: unknown,
  after: unknown,
  secretPatterns: readonly string[][],
): FieldChange {
  const change: FieldChange = { path: joinPath(path) };
  if (secretPatterns.some((pattern) => isCoveredBy(path, pattern))) {
    if (before !== undefined) change.before = SENSITIVE;
    if (after !== undefined) change.after = SENSITIVE;
    change.sensitive = true;
    return change;
  }
  if (before !== undefined) change.before = maskNestedSecrets(before, path, secretPatterns);
  if (after !== undefined) change.after = maskNestedSecrets(after, path, secretPatterns);
  return change;
}

function maskNestedSecrets(value: unknown, path: PathSegment[], secretPatterns: readonly string[][]): Json {
  const nested = secretPatterns.filter((pattern) => reachesBelow(path, pattern));
  if (nested.length === 0) return value as Json;
  const masked = structuredClone(value);
  for (const pattern of nested) {
    // A pattern from anywhere (`**.…`) applies inside the value as it is.
    forEachMatch(masked, pattern[0] === '**' ? pattern : pattern.slice(path.length), (container, key) => {
      (container as Record<PathSegment, unknown>)[key] = SENSITIVE;
    });
  }
  return masked as Json;
}
