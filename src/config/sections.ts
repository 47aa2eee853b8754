// One parsed file's top-level sections → desired objects, using each adapter's section kind:
// 'list' (objects identified by keyOf), 'map' (key → value) or 'singleton' (one object).

import { matchesExactly, parsePattern } from '../core/field-paths.ts';
import { type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import { joinKey } from '../core/objects.ts';
import type { ResourceAdapter } from '../resources/contract.ts';
import type { ParsedConfigFile } from './config-file.ts';
import {
  appendSegment,
  type ConfigProblem,
  escapeSegment,
  formatPath,
  type PathSegment,
  type SourcePosition,
  toPointer,
} from './problems.ts';
import { type IgnorePathCheck, readSettings, SETTINGS_KEY } from './settings.ts';
import type { ConfigSettings, LoadedObject, FieldLocation } from './types.ts';

export interface FileSections {
  /** Sections of a known type and the right shape: what schema validation sees. */
  sections: Record<string, unknown>;
  problems: ConfigProblem[];
}

/** Check the file's top level: known keys only, each section the shape its adapter declares. */
export function readSections(
  parsed: ParsedConfigFile,
  adapters: ReadonlyMap<string, ResourceAdapter>,
  settings: ConfigSettings,
  checkIgnorePath?: IgnorePathCheck,
): FileSections {
  const problems: ConfigProblem[] = [];
  const sections: Record<string, unknown> = {};
  const { data } = parsed;
  if (data === null || data === undefined) return { sections, problems };
  const locate = (path: PathSegment[], preferKey = false) => {
    const location = parsed.locations.get(toPointer(path)) ?? parsed.locations.get('');
    return (preferKey && location?.key) || location?.value || { file: parsed.file, line: 0, column: 0 };
  };
  if (!isPlainObject(data)) {
    problems.push({ ...locate([]), path: '', message: 'the top level must be a map of resource types' });
    return { sections, problems };
  }
  const knownTypes = [...adapters.keys()];
  for (const [key, value] of Object.entries(data)) {
    const adapter = adapters.get(key);
    if (key === SETTINGS_KEY) {
      problems.push(
        ...readSettings(value, knownTypes, (path) => locate(path, true), settings, checkIgnorePath),
      );
    } else if (!adapter) {
      problems.push({
        ...locate([key], true),
        path: key,
        message: `unknown top-level key "${key}"; expected one of: ${[SETTINGS_KEY, ...knownTypes].join(', ')}`,
      });
    } else if (value === null) {
      // `clients:` with nothing under it: an empty section.
    } else if (adapter.section === 'list' && !Array.isArray(value)) {
      problems.push({ ...locate([key]), path: key, message: `must be a list of ${key} objects` });
    } else if (adapter.section !== 'list' && !isPlainObject(value)) {
      const expected = adapter.section === 'map' ? 'a map of key: value' : 'object';
      problems.push({ ...locate([key]), path: key, message: `must be ${expected}` });
    } else {
      sections[key] = value;
    }
  }
  return { sections, problems };
}

/** Desired objects of the file's well-shaped sections. */
export function collectObjects(
  parsed: ParsedConfigFile,
  sections: Record<string, unknown>,
  adapters: ReadonlyMap<string, ResourceAdapter>,
  reportMissingKeys: boolean,
): { objects: LoadedObject[]; problems: ConfigProblem[] } {
  const objects: LoadedObject[] = [];
  const problems: ConfigProblem[] = [];
  for (const [type, value] of Object.entries(sections)) {
    const adapter = adapters.get(type)!;
    const builder = new ObjectBuilder(parsed, adapter, problems);
    if (adapter.section === 'singleton') {
      objects.push(builder.build('default', value as ConfigObject, [type]));
    } else if (adapter.section === 'map') {
      const levels = adapter.mapKeys ?? ['key'];
      const field = adapter.mapValueField;
      // One level of nesting per part of the key (prompt, then language).
      const visit = (node: unknown, parts: string[]) => {
        if (parts.length === levels.length) {
          const yamlPath = [type, ...parts];
          if (field) objects.push(builder.build(joinKey(parts), { [field]: node as Json }, yamlPath, field));
          else if (isPlainObject(node))
            objects.push(builder.build(joinKey(parts), node as ConfigObject, yamlPath));
          else
            problems.push({
              ...builder.position(yamlPath),
              path: formatPath(yamlPath),
              message: 'must be object',
            });
          return;
        }
        if (!isPlainObject(node)) {
          const yamlPath = [type, ...parts];
          problems.push({
            ...builder.position(yamlPath),
            path: formatPath(yamlPath),
            message: `must be a map of ${levels[parts.length]} → ${levels.length - parts.length > 1 ? 'map' : 'object'}`,
          });
          return;
        }
        for (const [k, v] of Object.entries(node)) visit(v, [...parts, k]);
      };
      visit(value, []);
    } else {
      (value as unknown[]).forEach((item, index) => {
        const at = builder.position([type, index]);
        if (!isPlainObject(item)) {
          problems.push({ ...at, path: formatPath([type, index]), message: 'must be object' });
          return;
        }
        let key: string | undefined;
        let reason = 'its natural key is empty';
        try {
          key = adapter.keyOf(item as ConfigObject);
        } catch (err) {
          reason = (err as Error).message;
        }
        if (typeof key === 'string' && key !== '') {
          objects.push(builder.build(key, item as ConfigObject, [type, index]));
        } else if (reportMissingKeys) {
          problems.push({
            ...at,
            path: formatPath([type, index]),
            message: `cannot identify this object: ${reason}`,
          });
        }
      });
    }
  }
  return { objects, problems };
}

/** Builds DesiredObjects of one type from one file, with field locations and secret templates. */
class ObjectBuilder {
  private readonly secretPatterns: string[][];

  constructor(
    private readonly parsed: ParsedConfigFile,
    private readonly adapter: ResourceAdapter,
    private readonly problems: ConfigProblem[],
  ) {
    this.secretPatterns = adapter.secretPaths.map(parsePattern);
  }

  /**
   * @param yamlPath where the object's data sits in the file
   * @param wrapField for map sections: the config field the YAML value is stored under
   */
  build(key: string, config: ConfigObject, yamlPath: PathSegment[], wrapField?: string): LoadedObject {
    const type = this.adapter.type;
    const objectPath =
      this.adapter.section === 'singleton'
        ? type
        : this.adapter.section === 'map'
          ? [type, ...yamlPath.slice(1).map((part) => JSON.stringify(part))].join('.')
          : `${type}.${JSON.stringify(key)}`;
    const location = this.parsed.locations.get(toPointer(yamlPath));
    // A map entry starts at its key; a list item or singleton at its value.
    const source = (this.adapter.section === 'map' && location?.key) || this.position(yamlPath);
    const fields = new Map<string, FieldLocation>([['', { ...source, path: objectPath }]]);
    const secretTemplates: Record<string, string> = {};
    const templates: LoadedObject['templates'] = [];
    const secretFiles: Record<string, string> = {};
    const object: LoadedObject = {
      type,
      key,
      config,
      source,
      path: objectPath,
      secretTemplates,
      templates,
      secretFiles,
      fields,
    };

    // One walk of the object: the relative path is a stack, pointers and shown paths grow by a segment.
    const rel: PathSegment[] = [];
    const visit = (value: unknown, pointer: string, dotted: string, shown: string) => {
      if (rel.length) fields.set(dotted, { ...this.at(pointer), path: shown });
      const written = rel.length ? this.parsed.templates.get(pointer) : undefined;
      if (written !== undefined) templates.push({ path: [...rel], template: written });
      const descend = (segment: PathSegment, child: unknown, childPointer: string) => {
        rel.push(segment);
        visit(
          child,
          childPointer,
          dotted ? `${dotted}.${segment}` : String(segment),
          appendSegment(shown, segment),
        );
        rel.pop();
      };
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          descend(i, item, `${pointer}/${i}`);
        });
      } else if (isPlainObject(value))
        for (const [k, v] of Object.entries(value)) descend(k, v, `${pointer}/${escapeSegment(k)}`);
      else if (typeof value === 'string' && this.isSecret(rel)) {
        const template = this.parsed.templates.get(pointer);
        if (template !== undefined) {
          secretTemplates[dotted] = template;
          // An empty secret would blank the tenant's secret: a variable set to nothing by mistake.
          if (value === '' && !this.parsed.unresolved.has(pointer))
            this.problems.push({
              ...this.at(pointer),
              path: shown,
              message: `is a secret whose value (${template}) is empty; set the variable to the secret`,
            });
        }
        // A key or certificate read with `!file` sits in a file of its own, as a PEM must; a
        // saved plan names the file and reads it again at apply time.
        else if (this.parsed.fromFiles.has(pointer))
          secretFiles[dotted] = this.parsed.fromFiles.get(pointer) as string;
        // One rule for every command: a secret's value never sits in config (nor, through
        // it, in a saved plan or a pull request); validate refuses it as plan and apply do.
        else if (value !== '')
          this.problems.push({
            ...this.at(pointer),
            path: shown,
            message:
              'is a secret written literally: write it as ${VAR} and set VAR in the environment or a --values file',
          });
      }
    };
    const root = toPointer(yamlPath);
    if (wrapField) {
      rel.push(wrapField);
      visit(config[wrapField], root, wrapField, appendSegment(objectPath, wrapField));
      rel.pop();
    } else visit(config, root, '', objectPath);
    return object;
  }

  position(yamlPath: PathSegment[]): SourcePosition {
    return this.at(toPointer(yamlPath));
  }

  private at(pointer: string): SourcePosition {
    return this.parsed.locations.get(pointer)?.value ?? { file: this.parsed.file, line: 0, column: 0 };
  }

  // A template is kept only for the field a pattern names, not for what lies below it.
  private isSecret(rel: PathSegment[]): boolean {
    return this.secretPatterns.some((pattern) => matchesExactly(rel, pattern));
  }
}
