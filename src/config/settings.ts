// The optional top-level `tenantform:` key: settings about how to deploy, not tenant objects.
//   tenantform:
//     allow_delete: [log_streams]
//     ignore: { clients: [callbacks, jwt_configuration.lifetime_in_seconds] }
//     exclude: { clients: [Legacy Portal] }    # never planned, deleted nor counted
//     protect: { clients: [Default App] }      # no plan deletes or replaces it
//     moved: { clients: { Old Name: New Name } }  # a rename: an update, the id kept
// Several files may each hold some; they are merged (union).

import { isPlainObject } from '../core/json.ts';
import { type ConfigProblem, formatPath, type PathSegment, type SourcePosition } from './problems.ts';
import type { ConfigSettings } from './types.ts';

export const SETTINGS_KEY = 'tenantform';
const FIELDS = ['allow_delete', 'ignore', 'exclude', 'protect', 'moved'];

type Locate = (path: PathSegment[]) => SourcePosition;
/** A message when a type has no field at an ignore path. */
export type IgnorePathCheck = (type: string, path: string) => string | undefined;

export function readSettings(
  value: unknown,
  knownTypes: readonly string[],
  locate: Locate,
  into: ConfigSettings,
  checkIgnorePath?: IgnorePathCheck,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const problem = (path: PathSegment[], message: string) =>
    problems.push({ ...locate(path), path: formatPath(path), message });
  const typeProblem = (path: PathSegment[], type: string) =>
    problem(path, `unknown resource type "${type}"; expected one of: ${knownTypes.join(', ')}`);

  if (value === null) return problems;
  if (!isPlainObject(value)) {
    problem([SETTINGS_KEY], `must be object (with ${FIELDS.join(', ')})`);
    return problems;
  }
  for (const [field, setting] of Object.entries(value)) {
    const path: PathSegment[] = [SETTINGS_KEY, field];
    if (field === 'allow_delete') {
      if (!Array.isArray(setting)) {
        problem(path, 'must be a list of resource types');
        continue;
      }
      setting.forEach((type, i) => {
        if (typeof type !== 'string' || !knownTypes.includes(type)) typeProblem([...path, i], String(type));
        else into.allowDelete = [...new Set([...(into.allowDelete ?? []), type])];
      });
    } else if (field === 'ignore' || field === 'exclude' || field === 'protect') {
      const what = field === 'ignore' ? 'field paths (strings, dotted, * for any element)' : 'object keys';
      if (!isPlainObject(setting)) {
        problem(
          path,
          `must be object: resource type → list of ${field === 'ignore' ? 'field paths' : 'keys'}`,
        );
        continue;
      }
      for (const [type, entries] of Object.entries(setting)) {
        if (!knownTypes.includes(type)) typeProblem([...path, type], type);
        else if (!Array.isArray(entries) || entries.some((f) => typeof f !== 'string' || f === '')) {
          problem([...path, type], `must be a list of ${what}`);
        } else {
          if (field === 'ignore') {
            (entries as string[]).forEach((entry, i) => {
              const unknown = checkIgnorePath?.(type, entry);
              if (unknown) problem([...path, type, i], unknown);
            });
          }
          into[field] ??= {};
          const merged = into[field];
          merged[type] = [...new Set([...(merged[type] ?? []), ...(entries as string[])])];
        }
      }
    } else if (field === 'moved') {
      if (!isPlainObject(setting)) {
        problem(path, 'must be object: resource type → { old key: new key }');
        continue;
      }
      for (const [type, renames] of Object.entries(setting)) {
        if (!knownTypes.includes(type)) typeProblem([...path, type], type);
        else if (!isPlainObject(renames)) problem([...path, type], 'must be object: { old key: new key }');
        else {
          for (const [from, to] of Object.entries(renames)) {
            const at = [...path, type, from];
            if (typeof to !== 'string' || to === '') problem(at, 'must be the new key (a string)');
            else
              into.moved = [
                ...(into.moved ?? []),
                { type, from, to, at: { ...locate(at), path: formatPath(at) } },
              ];
          }
        }
      }
    } else {
      problem(path, `unknown field "${field}"; expected one of: ${FIELDS.join(', ')}`);
    }
  }
  return problems;
}
