// One parsed file's top-level sections → desired objects, using each adapter's section kind:
// 'list' (objects identified by keyOf), 'map' (key → value) or 'singleton' (one object).

import { forEachMatch, joinPath, parsePattern } from '../core/field-paths.ts';
import { type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import { joinKey } from '../core/objects.ts';
import type { ResourceAdapter } from '../resources/contract.ts';
import type { ParsedConfigFile } from './config-file.ts';
import {
  type ConfigProblem,
  formatPath,
  fromPointer,
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
    const location = parsed.locate(path) ?? parsed.locate([]);
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
    const location = this.parsed.locate(yamlPath);
    // A map entry starts at its key; a list item or singleton at its value.
    const source = (this.adapter.section === 'map' && location?.key) || location?.value || this.unplaced();
    const place = new ObjectPlace(yamlPath, wrapField);
    const object: LoadedObject = {
      type,
      key,
      config,
      source,
      path: objectPath,
      secretTemplates: {},
      templates: this.templatesOf(place, config),
      secretFiles: {},
      fields: new FieldLocations(this.parsed, place, config, objectPath, source),
    };
    this.readSecrets(object, place);
    return object;
  }

  position(yamlPath: PathSegment[]): SourcePosition {
    return this.parsed.locate(yamlPath)?.value ?? this.unplaced();
  }

  private unplaced(): SourcePosition {
    return { file: this.parsed.file, line: 0, column: 0 };
  }

  /** Every value of the object written with a variable; few are, so they are looked up, not searched for. */
  private templatesOf(place: ObjectPlace, config: ConfigObject): LoadedObject['templates'] {
    const templates: LoadedObject['templates'] = [];
    for (const [pointer, template] of templatesUnder(this.parsed, place.pointer)) {
      const rel = place.relative(pointer, config);
      if (rel && rel.length > 0) templates.push({ path: rel, template });
    }
    return templates;
  }

  /** The secrets the adapter declares, as the object holds them: by variable, by `!file`, or refused as written literally. */
  private readSecrets(object: LoadedObject, place: ObjectPlace): void {
    const seen = new Set<string>();
    for (const pattern of this.secretPatterns) {
      forEachMatch(object.config, pattern, (container, key, rel) => {
        const value = (container as Record<PathSegment, unknown>)[key];
        const dotted = joinPath(rel);
        if (typeof value !== 'string' || seen.has(dotted)) return;
        seen.add(dotted);
        const pointer = place.pointerOf(rel);
        const shown = formatPath(rel, object.path);
        const template = this.parsed.templates.get(pointer);
        if (template !== undefined) {
          object.secretTemplates[dotted] = template;
          // An empty secret would blank the tenant's secret: a variable set to nothing by mistake.
          if (value === '' && !this.parsed.unresolved.has(pointer))
            this.problems.push({
              ...this.at(place, rel),
              path: shown,
              message: `is a secret whose value (${template}) is empty; set the variable to the secret`,
            });
        }
        // A key or certificate read with `!file` sits in a file of its own, as a PEM must; a
        // saved plan names the file and reads it again at apply time.
        else if (this.parsed.fromFiles.has(pointer))
          object.secretFiles[dotted] = this.parsed.fromFiles.get(pointer) as string;
        // One rule for every command: a secret's value never sits in config (nor, through
        // it, in a saved plan or a pull request); validate refuses it as plan and apply do.
        else if (value !== '')
          this.problems.push({
            ...this.at(place, rel),
            path: shown,
            message:
              'is a secret written literally: write it as ${VAR} and set VAR in the environment or a --values file',
          });
      });
    }
  }

  private at(place: ObjectPlace, rel: readonly PathSegment[]): SourcePosition {
    return this.parsed.locate(place.yamlPathOf(rel))?.value ?? this.unplaced();
  }
}

/** Where an object sits in its file: its config's paths as YAML paths and JSON Pointers. */
class ObjectPlace {
  readonly pointer: string;

  constructor(
    private readonly yamlPath: readonly PathSegment[],
    /** Map sections keep the YAML value under this config field: it has no YAML segment of its own. */
    private readonly wrapField: string | undefined,
  ) {
    this.pointer = toPointer(yamlPath);
  }

  yamlPathOf(rel: readonly PathSegment[]): PathSegment[] {
    return [...this.yamlPath, ...(this.wrapField === undefined ? rel : rel.slice(1))];
  }

  pointerOf(rel: readonly PathSegment[]): string {
    return this.pointer + toPointer(this.wrapField === undefined ? rel : rel.slice(1));
  }

  /** The config path of a pointer at or below the object, array indexes as numbers; undefined outside it. */
  relative(pointer: string, config: ConfigObject): PathSegment[] | undefined {
    if (pointer !== this.pointer && !pointer.startsWith(`${this.pointer}/`)) return undefined;
    const below = fromPointer(pointer.slice(this.pointer.length));
    const rel: PathSegment[] = this.wrapField === undefined ? [] : [this.wrapField];
    let value: unknown = this.wrapField === undefined ? config : config[this.wrapField];
    for (const segment of below) {
      const index = Array.isArray(value) ? Number(segment) : Number.NaN;
      rel.push(Number.isInteger(index) ? index : segment);
      value = (value as Record<PathSegment, unknown> | null)?.[Number.isInteger(index) ? index : segment];
    }
    return rel;
  }
}

/** A file's templates by the pointer of each of their ancestors, built once per file. */
const templateIndex = new WeakMap<ParsedConfigFile, Map<string, [string, string][]>>();

function templatesUnder(parsed: ParsedConfigFile, pointer: string): readonly [string, string][] {
  if (parsed.templates.size === 0) return [];
  let index = templateIndex.get(parsed);
  if (!index) {
    index = new Map();
    for (const entry of parsed.templates) {
      let end = entry[0].length;
      while (end >= 0) {
        const ancestor = entry[0].slice(0, end);
        const under = index.get(ancestor);
        if (under) under.push(entry);
        else index.set(ancestor, [entry]);
        if (end === 0) break;
        end = entry[0].lastIndexOf('/', end - 1);
      }
    }
    templateIndex.set(parsed, index);
  }
  return index.get(pointer) ?? [];
}

/**
 * An object's field locations, found when a message asks (a reference that resolves
 * nowhere, a repeated item, an API error): by dotted path relative to config, '' for the
 * object itself.
 */
class FieldLocations {
  constructor(
    private readonly parsed: ParsedConfigFile,
    private readonly place: ObjectPlace,
    private readonly config: ConfigObject,
    private readonly objectPath: string,
    private readonly source: SourcePosition,
  ) {}

  get(dotted: string): FieldLocation | undefined {
    if (dotted === '') return { ...this.source, path: this.objectPath };
    const rel = segmentsOf(this.config, dotted);
    if (!rel) return undefined;
    const at = this.parsed.locate(this.place.yamlPathOf(rel))?.value;
    return at && { ...at, path: formatPath(rel, this.objectPath) };
  }
}

/** A dotted path's segments in the data (a key may itself hold dots); undefined when the data has nothing there. */
function segmentsOf(root: unknown, dotted: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let value = root;
  let rest = dotted;
  while (rest !== '') {
    let segment: PathSegment | undefined;
    if (Array.isArray(value)) {
      const head = /^(0|[1-9]\d*)(?:\.|$)/.exec(rest)?.[1];
      if (head !== undefined && Number(head) < value.length) segment = Number(head);
    } else if (isPlainObject(value)) {
      if (Object.hasOwn(value, rest)) segment = rest;
      else
        for (const key of Object.keys(value))
          if (rest.startsWith(`${key}.`) && (segment === undefined || key.length > String(segment).length))
            segment = key;
    }
    if (segment === undefined) return undefined;
    segments.push(segment);
    value = (value as Record<PathSegment, unknown>)[segment];
    rest = rest.slice(String(segment).length + 1);
  }
  return segments;
}
