// compileSpec: a ResourceSpec (a declaration of facts) → the ResourceAdapter the planner and
// the applier use. Everything every type shares lives here once: which fields are config
// (from the API document's request fields), names ↔ ids, set-like arrays, defaults,
// sub-resources, feature-gated types; the kind modules add reading and writing.

import { ApiError } from '../../api/api-error.ts';
import { withoutDefaults } from '../../core/defaults.ts';
import type { ConfigObject, Json } from '../../core/json.ts';
import { joinKey } from '../../core/objects.ts';
import { forEachMatch, parsePattern, removeAt, secretNameSegment } from '../../core/field-paths.ts';
import {
  type AdapterContext,
  FeatureUnavailableError,
  type LiveRecord,
  type ReadScope,
  type Reference,
  type RefResolver,
  type ResourceAdapter,
} from '../contract.ts';
import { collectionLifecycle } from './collection.ts';
import { keyedLifecycle } from './keyed.ts';
import type { BoundOperation } from './operations.ts';
import { type CompiledRef, compileRefs, idsToNames, namesToIds, referencesOf } from './references.ts';
import { canonicalSet, onlyFields } from './shaping.ts';
import { singletonLifecycle } from './singleton.ts';
import type { ResourceSpec } from './spec.ts';
import {
  type CompiledSubResource,
  canonicalItems,
  compileSubResource,
  itemReferences,
  itemsToConfig,
  itemsWithoutDefaults,
} from './sub-resources.ts';

/** What the kind modules need of a compiled spec: its facts and its shaping steps. */
export interface CompiledType {
  spec: ResourceSpec;
  type: string;
  keyFields: readonly string[];
  refs: readonly CompiledRef[];
  subResources: readonly CompiledSubResource[];
  /** The config object of a live record (names, config fields only, canonical). */
  toConfig(record: LiveRecord, refs: RefResolver): ConfigObject;
  /** A request body from config: sub-resources and tenantform's own fields out, names as ids. */
  apiBody(config: ConfigObject, ctx: AdapterContext): ConfigObject;
  /**
   * Whether a changed field is written by an update of the object itself: not a
   * sub-resource, not a marker, and not a field that identifies it or cannot change in
   * place (a create whose answer was lost is converged by an update of every field).
   */
  isOwnField(field: string): boolean;
  keyOf(config: ConfigObject): string;
  /** Reads a type the tenant may not have: "not entitled" becomes FeatureUnavailableError. */
  guarded<T>(read: () => Promise<T>): Promise<T>;
}

/** What the kind of a type does: its reads and writes. */
export type Lifecycle = Pick<ResourceAdapter, 'create' | 'update' | 'delete' | 'findByKey'> & {
  list(ctx: AdapterContext, scope: ReadScope): Promise<LiveRecord[]>;
  /** How the section is written, and the key in list sections. */
  section: ResourceAdapter['section'];
  mapKeys?: readonly string[];
  mapKeyValues?: readonly (readonly string[] | undefined)[];
  keyFields: readonly string[];
  configSchema?: string;
  compare: 'subset' | 'exact';
  /** The operations whose request fields are config (create and update, or the write). */
  writeOperations: readonly BoundOperation[];
  /** Top-level fields an update by id sends (collections); absent where the key is in the path. */
  updateFields?: readonly string[];
};

export function compileSpec(spec: ResourceSpec): ResourceAdapter {
  const type = spec.type;
  const refs = compileRefs(type, spec.refs ?? []);
  const subResources = (spec.subResources ?? []).map((s) => compileSubResource(type, s));
  const subFields = new Set(subResources.map((s) => s.field));
  const convergence = spec.fields?.convergence ?? {};
  const sets = Object.entries(spec.fields?.sets ?? {}).map(([path, keys]) => ({
    path: parsePattern(path),
    keys,
  }));

  // The kind decides the operations; the shaping below needs the config fields they take,
  // and the kind needs the shaping: tied through this one object.
  const compiled = {} as CompiledType;
  const lifecycle: Lifecycle =
    spec.kind === 'collection'
      ? collectionLifecycle(spec, compiled)
      : spec.kind === 'singleton'
        ? singletonLifecycle(spec, compiled)
        : keyedLifecycle(spec, compiled);
  // A rename (`tenantform.moved`) is an update of the key: one plain field the update takes.
  const [keyField] = lifecycle.keyFields;
  const renamable =
    lifecycle.keyFields.length === 1 &&
    lifecycle.updateFields?.includes(keyField as string) === true &&
    !(spec.fields?.immutable ?? []).includes(keyField as string) &&
    !refs.some((r) => r.path.length === 1 && r.path[0] === keyField);

  const renamedRefs = refs.filter((r) => r.path.length === 1 && r.api.join() !== r.path.join());
  const configFieldNames = new Set<string>([
    ...lifecycle.writeOperations.flatMap((op) => op.facts.requestFields ?? []),
    ...Object.keys(spec.configFields?.add ?? {}),
    ...renamedRefs.map((r) => r.path[0] as string),
    ...subFields,
    ...Object.keys(convergence),
    ...lifecycle.keyFields,
  ]);
  for (const f of [...(spec.configFields?.remove ?? []), ...(spec.fields?.serverOnly ?? [])])
    configFieldNames.delete(f);
  // A type owning part of a shared object leaves the rest to the types that own it.
  const only = spec.fields?.only;
  const notOwned = only ? [...configFieldNames].filter((f) => !only.includes(f)) : [];
  for (const f of notOwned) configFieldNames.delete(f);
  for (const r of renamedRefs) configFieldNames.delete(r.api[0] as string);
  // A write whose request is free-form (custom text's dictionaries) makes every read field config.
  const freeForm = lifecycle.writeOperations.some((op) => op.facts.requestFields === undefined);
  const serverOnly = new Set(spec.fields?.serverOnly ?? []);
  const nestedServerOnly = [...serverOnly].filter((p) => p.includes('.')).map(parsePattern);
  const configOnly = (config: ConfigObject): ConfigObject =>
    freeForm
      ? Object.fromEntries(Object.entries(config).filter(([k, v]) => v !== undefined && !serverOnly.has(k)))
      : onlyFields(config, configFieldNames);

  const canonical = (config: ConfigObject): ConfigObject => {
    let out = config;
    for (const { path, keys } of sets) {
      forEachMatch(out, path, (container, key) => {
        const value = (container as Record<string | number, unknown>)[key];
        if (Array.isArray(value))
          (container as Record<string | number, Json>)[key] = canonicalSet(value, keys);
      });
    }
    for (const sub of subResources)
      if (out[sub.field] !== undefined) out[sub.field] = canonicalItems(sub, out[sub.field]);
    if (spec.hooks?.canonical) out = spec.hooks.canonical(out);
    return out;
  };

  const defaultsOf = (config: ConfigObject): ConfigObject => {
    const d = spec.fields?.defaults;
    return typeof d === 'function' ? d(config) : (d ?? {});
  };

  Object.assign(compiled, {
    spec,
    type,
    keyFields: lifecycle.keyFields,
    refs,
    subResources,
    toConfig(record: LiveRecord, resolver: RefResolver): ConfigObject {
      const raw = record.raw;
      const shaped: ConfigObject = spec.hooks?.fromApi
        ? spec.hooks.fromApi(raw)
        : (structuredClone(raw) as ConfigObject);
      for (const sub of subResources) {
        shaped[sub.field] = itemsToConfig(
          sub,
          Array.isArray(raw[sub.field]) ? (raw[sub.field] as Json[]) : [],
          resolver,
        );
      }
      idsToNames(shaped, refs, resolver);
      for (const path of nestedServerOnly) forEachMatch(shaped, path, removeAt);
      return canonical(configOnly(shaped));
    },
    apiBody(config: ConfigObject, ctx: AdapterContext): ConfigObject {
      const body = structuredClone(config);
      for (const f of [...subFields, ...Object.keys(convergence)]) delete body[f];
      namesToIds(body, refs, ctx.refs);
      return spec.hooks?.toApi ? spec.hooks.toApi(body) : body;
    },
    isOwnField: (field: string) =>
      !subFields.has(field) &&
      !(field in convergence) &&
      (!lifecycle.keyFields.includes(field) || renamable) &&
      !(spec.fields?.immutable ?? []).includes(field),
    keyOf(config: ConfigObject): string {
      // Singletons, and families keyed by the YAML map they are written in, carry their key on the record.
      if (lifecycle.keyFields.length === 0) return 'default';
      return joinKey(lifecycle.keyFields.map((f) => String(config[f])));
    },
    async guarded<T>(read: () => Promise<T>): Promise<T> {
      try {
        return await read();
      } catch (error) {
        const reason = unavailableBecause(error, spec.feature !== undefined);
        if (reason) throw new FeatureUnavailableError(type, spec.feature ?? type, reason);
        throw error;
      }
    },
  } satisfies CompiledType);

  const elementKeys: Record<string, readonly string[]> = {};
  for (const { path, keys } of sets) if (keys.length > 0) elementKeys[path.join('.')] = keys;
  for (const sub of subResources) if (sub.identity.length > 0) elementKeys[sub.field] = sub.identity;
  const members = spec.members ? parsePattern(spec.members) : undefined;
  const referenceCache = new WeakMap<ConfigObject, Map<string | undefined, Reference[]>>();
  const distinctItems = spec.fields?.distinct ?? {};

  const adapter: ResourceAdapter = {
    type,
    description: spec.description,
    section: lifecycle.section,
    ...(spec.mapValueField && { mapValueField: spec.mapValueField }),
    ...(lifecycle.mapKeys && { mapKeys: lifecycle.mapKeys, mapKeyValues: lifecycle.mapKeyValues }),
    keyFields: lifecycle.keyFields,
    renamable,
    configSchema: spec.configSchema === false ? undefined : (spec.configSchema ?? lifecycle.configSchema),
    configFields: configFieldsOf(spec, renamedRefs, subResources, lifecycle.keyFields, notOwned),
    secretPaths: [
      ...new Set([
        ...(spec.fields?.secret ?? []),
        ...(spec.fields?.writeOnly ?? []),
        `**.${secretNameSegment(spec.fields?.notSecret ?? [])}`,
      ]),
    ],
    writeOnlyPaths: spec.fields?.writeOnly ?? [],
    unreadable: spec.kind === 'singleton' && !spec.operations.read,
    convergenceFields: Object.keys(convergence),
    immutableFields: spec.fields?.immutable ?? [],
    deleteByDefault: spec.deleteByDefault ?? false,
    compare: lifecycle.compare,
    defaultsOf,
    elementKeys,
    distinctItems,
    referencedTypes: [
      ...new Set([...refs.map((r) => r.spec.type), ...subResources.flatMap((s) => s.referencedTypes)]),
    ],
    keyReferencedTypes: [
      ...new Set(
        refs.filter((r) => lifecycle.keyFields.includes(r.path[0] as string)).map((r) => r.spec.type),
      ),
    ],
    dependsOnTypes: [...new Set([...(spec.dependsOn ?? []), ...(spec.resetBy ?? [])])],
    resetByTypes: spec.resetBy ?? [],
    systemEditable: spec.systemEditable ?? [],
    fileFields: Object.entries(spec.fields?.files ?? {}).map(([field, extension]) => ({ field, extension })),

    keyOf: (config) => compiled.keyOf(config),
    // Asked of each config object several times (validation, the offline check, the check
    // against the tenant, the plan): computed once per object and key. Config is not
    // changed once loaded; what the planner derives from it are new objects.
    references(config, key): Reference[] {
      const byKey = referenceCache.get(config) ?? new Map<string | undefined, Reference[]>();
      referenceCache.set(config, byKey);
      let found = byKey.get(key);
      if (!found) {
        found = [
          ...referencesOf(config, refs, key),
          ...subResources.flatMap((sub) => itemReferences(sub, config[sub.field])),
        ];
        byKey.set(key, found);
      }
      return found;
    },
    ...(spec.members && { membersPath: spec.members }),
    ...(members && {
      membersOf(config: ConfigObject): string[] {
        const found: string[] = [];
        forEachMatch(config, members, (container, key) => {
          const v = (container as Record<string | number, unknown>)[key];
          if (typeof v === 'string') found.push(v);
        });
        return found;
      },
    }),
    omitDefaults(config, raw = {}) {
      // Only what is compared against a default may be left out: a sub-resource list is
      // written even when empty, because config that omits it does not manage it.
      let out = withoutDefaults(config, defaultsOf(config));
      for (const f of Object.keys(convergence)) delete out[f];
      for (const sub of subResources) {
        const value = itemsWithoutDefaults(sub, out[sub.field]);
        if (value !== undefined) out[sub.field] = value;
      }
      if (spec.hooks?.exported) out = spec.hooks.exported(out, raw);
      return out;
    },
    normaliseDesired: (config) => canonical({ ...structuredClone(config), ...convergence }),

    list: (ctx, scope = {}) => compiled.guarded(() => lifecycle.list(ctx, scope)),
    toConfig: (record, resolver) => compiled.toConfig(record, resolver),
    isSystem: (record, ctx) => spec.isSystem?.(record.raw, ctx) ?? false,
    create: (ctx, req) => lifecycle.create(ctx, req),
    update: (ctx, req) => lifecycle.update(ctx, req),
    delete: (ctx, req) => lifecycle.delete(ctx, req),
    findByKey: (ctx, key) => lifecycle.findByKey(ctx, key),
  };
  return adapter;
}

/** Config fields the kit adds or renames: names instead of ids, sub-resources as arrays. */
function configFieldsOf(
  spec: ResourceSpec,
  renamedRefs: readonly CompiledRef[],
  subResources: readonly CompiledSubResource[],
  keyFields: readonly string[],
  notOwned: readonly string[],
): ResourceAdapter['configFields'] {
  const add: Record<string, object> = {};
  for (const r of renamedRefs) {
    add[r.path[0] as string] = {
      type: 'string',
      description: `Name (natural key) of the ${r.spec.type} object.`,
    };
  }
  for (const sub of subResources) {
    const item = sub.spec.item;
    if ('value' in item && item.value.type) {
      add[sub.field] = {
        type: 'array',
        items: { type: 'string' },
        description: sub.spec.description ?? `Names (natural keys) of the ${item.value.type} objects.`,
      };
    }
  }
  Object.assign(add, spec.configFields?.add ?? {});
  const remove = [
    ...(spec.configFields?.remove ?? []),
    ...renamedRefs.map((r) => r.api[0] as string),
    ...notOwned,
  ];
  const required = [...new Set([...(spec.configFields?.required ?? []), ...keyFields])];
  return { add, remove, required };
}

/** Why a read error means the tenant lacks the type, or undefined when it is a real error. */
function unavailableBecause(error: unknown, declaredFeature: boolean): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.errorCode === 'insufficient_entitlement' || error.errorCode === 'feature_not_enabled') {
    return error.message;
  }
  // Early-access endpoints a tenant lacks are not routed at all; paid ones answer 402.
  if (declaredFeature && (error.status === 402 || error.status === 404 || error.status === 501))
    return `${error.status}: ${error.message}`;
  return undefined;
}
