// Config loading: files → parse (positions, `!file`, `${VAR}`) → shape and schema checks →
// desired objects by type and natural key. Reads files, nothing else: no network, no writes.
// Every problem found in every file is collected and thrown as one ConfigError.

import type { ResourceAdapter } from '../resources/contract.ts';
import { parseConfigFile } from './config-file.ts';
import { findConfigFiles } from './config-files.ts';
import { ignorePathChecker } from './ignore-paths.ts';
import { repeatedItems } from './distinct-items.ts';
import { checkMoved } from './moved.ts';
import { ConfigError, type ConfigProblem } from './problems.ts';
import type { ValidateFunction } from 'ajv';
import { validateAgainstSchema } from './schema-validation.ts';
import { collectObjects, readSections } from './sections.ts';
import type { ConfigSettings, LoadedObject, LoadedConfig } from './types.ts';
import { loadValuesFiles } from './values-files.ts';
import { structuredLookup, variableLookup } from './variables.ts';

export interface LoadConfigOptions {
  adapters: readonly ResourceAdapter[];
  /** Variables; default process.env. Wins over values files. */
  env?: Record<string, string | undefined>;
  /** Flat YAML maps of VARIABLE: value (`--values env/prod.yaml`); later files win. */
  valuesFiles?: readonly string[];
  /**
   * JSON Schema (2020-12) of the whole config; each file is validated against it. A function
   * is called only when the schema itself is needed (no validator given, or `tenantform.ignore`
   * paths to check): the committed schema is 1.4 MB of JSON to parse.
   */
  schema?: object | (() => object);
  /** That schema's validator compiled ahead of time (compiledConfigValidator); else it is compiled here. */
  validator?: ValidateFunction;
}

/** Load, substitute and validate config. Throws ConfigError listing every problem. */
export function loadConfig(paths: string | readonly string[], opts: LoadConfigOptions): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const adapters = new Map(opts.adapters.map((a) => [a.type, a]));
  const values = loadValuesFiles(opts.valuesFiles ?? []);
  problems.push(...values.problems);
  const lookup = variableLookup(opts.env ?? process.env, values.values);
  const structured = structuredLookup(opts.env ?? process.env, values.structured);

  const found = findConfigFiles(typeof paths === 'string' ? [paths] : paths);
  problems.push(...found.problems);

  const settings: ConfigSettings = {};
  const objects: LoadedObject[] = [];
  const byType = new Map<string, Map<string, LoadedObject>>();
  const schemaOption = opts.schema;
  let schema = typeof schemaOption === 'function' ? undefined : schemaOption;
  const schemaObject = (): object => (schema ??= (schemaOption as () => object)());
  let ignoreChecker: ReturnType<typeof ignorePathChecker> | undefined;
  const checkIgnorePath = schemaOption
    ? (type: string, path: string) => {
        ignoreChecker ??= ignorePathChecker(schemaObject());
        return ignoreChecker(type, path);
      }
    : undefined;
  for (const file of found.files) {
    const parsed = parseConfigFile(file, lookup, found.rootOf.get(file), structured);
    problems.push(...parsed.problems);
    const { sections, problems: shapeProblems } = readSections(parsed, adapters, settings, checkIgnorePath);
    problems.push(...shapeProblems);
    const schemaProblems = schemaOption
      ? validateAgainstSchema(parsed, sections, opts.validator ?? schemaObject())
      : [];
    problems.push(...schemaProblems);
    // A missing natural key is a schema error already when there is a schema; say it once.
    const collected = collectObjects(parsed, sections, adapters, schemaProblems.length === 0);
    problems.push(...collected.problems);
    for (const object of collected.objects) {
      const ofType = byType.get(object.type) ?? new Map<string, LoadedObject>();
      byType.set(object.type, ofType);
      const first = ofType.get(object.key);
      if (first) {
        const there = `${first.source.file}:${first.source.line}:${first.source.column}`;
        problems.push({
          ...object.source,
          path: object.path,
          message: `${object.path} is defined twice: here and at ${there}`,
        });
        continue;
      }
      ofType.set(object.key, object);
      objects.push(object);
      problems.push(...repeatedItems(object, adapters.get(object.type)!));
    }
  }
  problems.push(...checkMoved(settings.moved, byType, adapters));
  if (problems.length) throw new ConfigError(dedupe(problems));
  return { files: found.files, objects, byType, settings };
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = [p.file, p.line, p.column, p.path, p.message].join('\0');
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// The module's public surface, so callers import from one place.
export { assertReferences, checkReferences, type LiveMembers } from './references.ts';
export { ConfigError, type ConfigProblem, formatProblem, type SourcePosition } from './problems.ts';
export type { ConfigSettings, LoadedObject, FieldLocation, LoadedConfig, MovedEntry } from './types.ts';
export { type Renames, renamesOf } from './moved.ts';
export { type LoadedValues, loadValuesFiles } from './values-files.ts';
export { expandTemplate, type Expansion, type VariableLookup, variableLookup } from './variables.ts';
