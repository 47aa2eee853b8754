// The optional top-level `tenantform:` key: settings about how to deploy, not tenant objects.
//   tenantform:
//     allow_delete: [log_streams]
//     ignore: { clients: [callbacks, jwt_configuration.lifetime_in_seconds] }
// Several files may each hold some; they are merged (union).

import { isPlainObject } from '../core/json.ts';
import { type ConfigProblem, formatPath, type PathSegment, type SourcePosition } from './problems.ts';
import type { ConfigSettings } from './types.ts';

export const SETTINGS_KEY = 'tenantform';

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
    problem([SETTINGS_KEY], 'must be object (with allow_delete and/or ignore)');
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
    } else if (field === 'ignore') {
      if (!isPlainObject(setting)) {
        problem(path, 'must be object: resource type → list of field paths');
        continue;
      }
      for (const [type, fields] of Object.entries(setting)) {
        if (!knownTypes.includes(type)) typeProblem([...path, type], type);
        else if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string' || f === '')) {
          problem([...path, type], 'must be a list of field paths (strings, dotted, * for any element)');
        } else {
          (fields as string[]).forEach((field, i) => {
            const unknown = checkIgnorePath?.(type, field);
            if (unknown) problem([...path, type, i], unknown);
          });
          into.ignore ??= {};
          into.ignore[type] = [...new Set([...(into.ignore[type] ?? []), ...(fields as string[])])];
        }
      }
    } else {
      problem(path, `unknown field "${field}"; expected one of: allow_delete, ignore`);
    }
  }
  return problems;
}
