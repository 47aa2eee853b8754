// Export of a tenant that already has config: what that config wrote as `${VAR}` is written
// as `${VAR}` again, so re-exporting never turns a variable into the value one environment
// gives it. A secret keeps its template whatever the tenant returns (its value is never
// exported); any other value keeps it only while the tenant holds what the template gives,
// otherwise the export says what the tenant has (a difference the user should see).

import {
  hasValueAt,
  isCoveredBy,
  joinPath,
  type PathSegment,
  parsePattern,
  setAt,
  valueAt,
} from '../core/field-paths.ts';
import { type ConfigObject, canonicalJson, isPlainObject } from '../core/json.ts';

/** What existing config wrote of one object. */
export interface WrittenVariables {
  /** The object as loaded: variables substituted. */
  config: ConfigObject;
  /** Each value written with a variable, by path in config, with its raw text. */
  templates: readonly { path: readonly PathSegment[]; template: string }[];
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * Puts the config's templates into an exported object. `exported` is what export writes
 * (defaults left out, secrets as placeholders); `live` the tenant's whole config object.
 * Returns the secret placeholders replaced (to drop from the variables list) and the
 * variables the kept secrets use.
 */
export function keepVariables(
  exported: ConfigObject,
  live: ConfigObject,
  written: WrittenVariables,
  secretPaths: readonly string[],
): { replaced: string[]; secretVariables: { name: string; path: string }[] } {
  const secrets = secretPaths.map(parsePattern);
  const replaced: string[] = [];
  const secretVariables: { name: string; path: string }[] = [];
  for (const { path, template } of written.templates) {
    if (secrets.some((pattern) => isCoveredBy(path, pattern))) {
      if (!hasValueAt(exported, path)) continue;
      const placeholder = valueAt(exported, path);
      if (typeof placeholder === 'string') replaced.push(...namesIn(placeholder));
      setAt(exported, path, template);
      for (const name of namesIn(template)) secretVariables.push({ name, path: joinPath(path) });
      continue;
    }
    // As plans compare: only what config says, so the server's defaults and additions inside
    // an object the variable gives (a jwt_configuration's alg) do not count as a difference.
    // The field may be left out of the export (at the server's default): config writes it, so
    // it is written back.
    const substituted = valueAt(written.config, path);
    const holds = (config: unknown) =>
      hasValueAt(config, path) &&
      canonicalJson(projectOnto(valueAt(config, path), substituted)) === canonicalJson(substituted);
    if (hasValueAt(exported, path.slice(0, -1)) && (holds(exported) || holds(live)))
      setAt(exported, path, template);
  }
  return { replaced, secretVariables };
}

/** The value cut down to the keys `like` has, recursively through objects (lists compared whole). */
function projectOnto(value: unknown, like: unknown): unknown {
  if (!isPlainObject(value) || !isPlainObject(like)) return value;
  return Object.fromEntries(
    Object.keys(like)
      .filter((key) => Object.hasOwn(value, key))
      .map((key) => [key, projectOnto(value[key], like[key])]),
  );
}

function namesIn(text: string): string[] {
  return [...text.matchAll(REFERENCE)].map((m) => m[1] as string);
}
