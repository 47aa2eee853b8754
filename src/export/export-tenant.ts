// The live tenant as config files: one YAML file per type, names instead of ids (the
// adapters' toConfig already speaks in names), long text in files of its own, system
// objects left out, server defaults left out, and every secret replaced by a ${VAR}
// placeholder; with existing config, what it writes as ${VAR} stays so (keep-variables.ts).
// Pure: the caller reads the tenant (and the config) and writes the files.

import { forEachMatch, parsePattern, SECRET_NAME_SEGMENT } from '../core/field-paths.ts';
import type { ConfigObject, Json } from '../core/json.ts';
import { splitKey } from '../core/objects.ts';
import { Document, Scalar } from 'yaml';
import type { ResourceAdapter } from '../resources/contract.ts';
import type { LiveState } from '../resources/live-state.ts';
import { keepVariables, type WrittenVariables } from './keep-variables.ts';

export interface ExportedFile {
  /** Relative to the export directory. */
  path: string;
  content: string;
}

export interface SecretVariable {
  name: string;
  /** Which object and field it stands for: `log_streams.SIEM sink.httpAuthorization`. */
  field: string;
}

export interface TenantExport {
  files: ExportedFile[];
  variables: SecretVariable[];
  counts: Record<string, number>;
}

type JsonSchema = { properties?: Record<string, unknown>; $defs?: Record<string, JsonSchema> } & Record<
  string,
  unknown
>;

export function exportTenant(
  live: Pick<LiveState, 'objects'>,
  adapters: readonly ResourceAdapter[],
  configSchema: JsonSchema,
  /** Existing config's objects: what it wrote as `${VAR}` is exported as `${VAR}` (keep-variables.ts). */
  written?: (type: string, key: string) => WrittenVariables | undefined,
): TenantExport {
  const files: ExportedFile[] = [];
  const variables: SecretVariable[] = [];
  const counts: Record<string, number> = {};

  for (const adapter of adapters) {
    const objects = [...(live.objects.get(adapter.type)?.values() ?? [])]
      .filter((o) => !o.system || editableOf(adapter, o.config) !== undefined)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (objects.length === 0) continue;
    counts[adapter.type] = objects.length;
    const allowed = allowedFields(configSchema, adapter.type);

    const fileRefs: { path: (string | number)[]; file: string }[] = [];
    const usedFiles = new Set<string>();
    const entries = objects.map((object, index) => {
      let config = object.system
        ? (editableOf(adapter, object.config) as ConfigObject)
        : adapter.omitDefaults
          ? adapter.omitDefaults(object.config, object.raw)
          : object.config;
      config = allowed ? pick(config, allowed, adapter) : structuredClone(config);
      for (const pattern of adapter.secretPaths) {
        for (const field of placeholderSecrets(config, pattern, variableName(adapter.type, object.key))) {
          variables.push({ name: field.variable, field: `${adapter.type}.${object.key} ${field.path}` });
        }
      }
      const existing = written?.(adapter.type, object.key);
      if (existing) {
        const kept = keepVariables(config, object.config, existing, adapter.secretPaths);
        const dropped = new Set(kept.replaced);
        const known = new Set(variables.map((v) => v.name).filter((name) => !dropped.has(name)));
        variables.splice(0, variables.length, ...variables.filter((v) => !dropped.has(v.name)));
        for (const { name, path } of kept.secretVariables) {
          if (known.has(name)) continue;
          known.add(name);
          variables.push({ name, field: `${adapter.type}.${object.key} ${path}` });
        }
      }
      for (const { field, extension } of adapter.fileFields ?? []) {
        const pattern = parsePattern(field);
        forEachMatch(config, pattern, (container, key, path) => {
          const value = (container as Record<string | number, unknown>)[key];
          // Data (a flow's actions) goes to a .json file, read back as data by `!file`.
          const text =
            typeof value === 'string'
              ? value
              : value !== undefined && extension.endsWith('.json')
                ? `${JSON.stringify(value, null, 2)}\n`
                : undefined;
          if (text === undefined) return;
          // A field reached through a wildcard (a database's scripts) is one file per match, in a folder per object.
          const matched = path.filter((_, i) => pattern[i] === '*').map(String);
          const base = [
            `${adapter.type}/${fileBase(adapter, object.key, field)}`,
            ...matched.map(fileSlug),
          ].join('/');
          let file = `${base}${extension}`;
          for (let n = 2; usedFiles.has(file); n++) file = `${base}-${n}${extension}`;
          usedFiles.add(file);
          files.push({ path: file, content: text });
          const inEntry =
            adapter.section === 'map' && path[0] === adapter.mapValueField ? path.slice(1) : path;
          fileRefs.push({ path: [...sectionPath(adapter, object.key, index), ...inEntry], file });
        });
      }
      return { key: object.key, config };
    });

    // A singleton with nothing but defaults has nothing to manage (an empty section is not config).
    if (adapter.section === 'singleton' && Object.keys(entries[0]!.config).length === 0) {
      delete counts[adapter.type];
      continue;
    }
    const section =
      adapter.section === 'singleton'
        ? entries[0]!.config
        : adapter.section === 'map'
          ? nestedMap(entries.map((e) => [splitKey(e.key), mapValue(adapter, e.config)]))
          : entries.map((e) => e.config);
    const doc = new Document({ [adapter.type]: section });
    for (const ref of fileRefs) {
      const node = new Scalar(ref.file);
      node.tag = '!file';
      doc.setIn(ref.path, node);
    }
    files.push({ path: `${adapter.type}.yaml`, content: doc.toString({ lineWidth: 0 }) });
  }
  return { files, variables, counts };
}

/** Where an object's fields are in its section's YAML document (a map section's value field is the entry itself). */
function sectionPath(adapter: ResourceAdapter, key: string, index: number): (string | number)[] {
  if (adapter.section === 'singleton') return [adapter.type];
  if (adapter.section === 'map') return [adapter.type, ...splitKey(key)];
  return [adapter.type, index];
}

/**
 * A file's name: the object's key, or for a singleton (one object) the field's first name
 * (`pages/error_page.html`); with several file fields, the field is added to the key.
 */
function fileBase(adapter: ResourceAdapter, key: string, field: string): string {
  if (adapter.section === 'singleton') return fileSlug(parsePattern(field)[0] as string);
  const several = (adapter.fileFields ?? []).length > 1;
  return several ? `${fileSlug(key)}.${fileSlug(field)}` : fileSlug(key);
}

/**
 * Replaces each secret the pattern reaches with a placeholder. A secret inside a list item
 * (an action's secret values) is added even though the tenant never returns it: the item
 * exists only to carry it, and the config is incomplete without it.
 */
function placeholderSecrets(
  config: ConfigObject,
  pattern: string,
  prefix: string,
): { path: string; variable: string }[] {
  const segments = parsePattern(pattern);
  const leaf = segments[segments.length - 1]!;
  const found: { path: string; variable: string }[] = [];
  const visit = (
    container: Record<string, unknown> | unknown[],
    key: string | number,
    path: (string | number)[],
  ) => {
    const variable = `${prefix}_${constantCase(path.join('_'))}`;
    (container as Record<string | number, Json>)[key] = `\${${variable}}`;
    found.push({ path: path.join('.'), variable });
  };
  // A leaf that is a wildcard (`options.configuration.*`) or the secret-name net stands for
  // the keys there are: each existing one is replaced; none is added.
  if (leaf === '*' || leaf.startsWith(SECRET_NAME_SEGMENT)) {
    forEachMatch(config, segments, (container, key, path) => {
      if (typeof (container as Record<string | number, unknown>)[key] === 'string')
        visit(container, key, path);
    });
    return found;
  }
  if (segments.length === 1) {
    forEachMatch(config, segments, visit);
    return found;
  }
  forEachMatch(config, segments.slice(0, -1), (container, key, path) => {
    const parent = (container as Record<string | number, unknown>)[key];
    if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) return;
    const inListItem = path.some((p) => typeof p === 'number');
    // A wildcard leaf (`options.configuration.*`): every value in the object is a secret.
    if (leaf === '*') {
      for (const k of Object.keys(parent)) visit(parent as Record<string, unknown>, k, [...path, k]);
      return;
    }
    if (leaf in parent || inListItem) {
      const label =
        inListItem && typeof (parent as ConfigObject).name === 'string' ? (parent as ConfigObject).name : key;
      visit(parent as Record<string, unknown>, leaf, [...path.slice(0, -1), String(label), leaf]);
    }
  });
  return found;
}

/**
 * What export says of a system object: for a singleton (the global client's login page, the
 * one object its type manages) the fields its type lets tenantform change, where any differs
 * from its default; else undefined. System objects among others (the Management API, named
 * by the tenant's own domain) are the tenant's and stay out.
 */
function editableOf(adapter: ResourceAdapter, config: ConfigObject): ConfigObject | undefined {
  if (adapter.section !== 'singleton') return undefined;
  const editable = adapter.systemEditable ?? [];
  const shown = adapter.omitDefaults ? adapter.omitDefaults(config) : config;
  if (!editable.some((f) => shown[f] !== undefined)) return undefined;
  const kept = [...(adapter.keyFields ?? []), ...editable];
  return Object.fromEntries(Object.entries(shown).filter(([k]) => kept.includes(k))) as ConfigObject;
}

/** Top-level fields the config schema allows for a type; undefined when it does not say. */
function allowedFields(schema: JsonSchema, type: string): Set<string> | undefined {
  const defs = schema.$defs ?? {};
  const names = new Set<string>();
  const collect = (node: unknown, depth: number) => {
    if (depth > 4 || typeof node !== 'object' || node === null) return;
    const n = node as JsonSchema;
    if (typeof n.$ref === 'string') collect(defs[n.$ref.replace('#/$defs/', '')], depth + 1);
    for (const k of Object.keys(n.properties ?? {})) names.add(k);
    for (const group of ['oneOf', 'anyOf', 'allOf'] as const) {
      if (Array.isArray(n[group])) for (const member of n[group] as unknown[]) collect(member, depth + 1);
    }
  };
  collect(defs[`config_${type}`], 0);
  return names.size > 0 ? names : undefined;
}

/** A map section: one level of nesting per part of the key (prompt, then language). */
function nestedMap(entries: [string[], Json][]): Json {
  const root: Record<string, Json> = {};
  for (const [parts, value] of entries) {
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, Json>;
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return root;
}

function mapValue(adapter: ResourceAdapter, config: ConfigObject): Json {
  return adapter.mapValueField ? (config[adapter.mapValueField] ?? null) : config;
}

/** Fields that identify an object come first (its key, then what it cannot change), so a reader sees what an entry is at once. */
function pick(config: ConfigObject, allowed: Set<string>, adapter: ResourceAdapter): ConfigObject {
  const leading = [...(adapter.keyFields ?? []), ...adapter.immutableFields];
  const rank = (k: string) => (leading.includes(k) ? leading.indexOf(k) : leading.length);
  const entries = Object.entries(config)
    .filter(([k]) => allowed.has(k))
    .sort(([a], [b]) => rank(a) - rank(b));
  return structuredClone(Object.fromEntries(entries));
}

function variableName(type: string, key: string): string {
  return constantCase(`${type}_${key}`);
}

function constantCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2') // httpAuthorization → HTTP_AUTHORIZATION
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** A file name that is safe on every OS and still recognisable. */
function fileSlug(key: string): string {
  const slug = key
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'unnamed';
}
