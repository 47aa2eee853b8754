// Reads the live tenant through the adapters and keys every object by its natural key.
// Keys can depend on other types (a grant's key holds its client's name), so they are
// computed lazily per type through the same resolver the adapters use.

import { ApiError } from '../api/api-error.ts';
import type { ConfigObject } from '../core/json.ts';
import type { LiveObject } from '../core/objects.ts';
import type { ReadingReport } from '../planner/model.ts';
import {
  type AdapterContext,
  FeatureUnavailableError,
  type LiveRecord,
  type RefResolver,
  type ResourceAdapter,
} from './contract.ts';

export interface LiveState {
  objects: Map<string, Map<string, LiveObject>>;
  /** Natural keys held by more than one live object of a type: they cannot be matched safely. */
  ambiguous: { type: string; key: string; ids: string[] }[];
  refs: MutableRefResolver;
  /** Types the tenant does not have (a feature it lacks): read as empty. */
  unavailable: FeatureUnavailableError[];
  reading: ReadingReport;
  /** Objects read under a renamed key (ReadPlan.renames): keyed by the new one, their config still the tenant's. */
  renamed: Rename[];
  /** Renames not made because the tenant has both keys: which one config means is unclear. */
  renameConflicts: Rename[];
}

export interface Rename {
  type: string;
  from: string;
  to: string;
}

/** What a run reads of the tenant. */
export interface ReadPlan {
  /** Types read in full (those planned or exported); default every type. Types they refer to are read for their keys. */
  types?: ReadonlySet<string>;
  /**
   * The natural keys config names, per type. Given, a keyed family reads only those (and what
   * the tenant uses); not given (export), it reads every key it can.
   */
  named?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Per type, old key → new key (`tenantform.moved`): an object the tenant has under the old
   * key, and not under the new one, is read as the new one, so plans update it in place. Its
   * key is changed in the resolver too, so what refers to it (a grant's client) reads the new key.
   */
  renames?: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface MutableRefResolver extends RefResolver {
  /** Records an object created (or found) during apply so later changes can refer to it. */
  remember(type: string, key: string, id: string): void;
  forget(type: string, key: string): void;
}

export async function readLiveState(
  adapters: readonly ResourceAdapter[],
  ctx: Omit<AdapterContext, 'refs'>,
  plan: ReadPlan = {},
): Promise<LiveState> {
  const refs = new TenantRefResolver();
  const started = performance.now();
  const callsBefore = ctx.api.stats().requests;
  const perObject = new Map<string, { type: string; field: string; calls: number }>();
  const perObjectReads = {
    count(type: string, field: string) {
      const id = `${type}.${field}`;
      const entry = perObject.get(id) ?? { type, field, calls: 0 };
      entry.calls += 1;
      perObject.set(id, entry);
    },
  };
  const fullCtx: AdapterContext = { ...ctx, refs, perObjectReads };
  const full = plan.types ?? new Set(adapters.map((a) => a.type));
  const keysOnly = referencedClosure(adapters, full);
  const unavailable: FeatureUnavailableError[] = [];
  const renamed: Rename[] = [];
  const renameConflicts: Rename[] = [];
  const read = async (adapter: ResourceAdapter): Promise<readonly [ResourceAdapter, LiveRecord[]]> => {
    try {
      const named = plan.named ? (plan.named.get(adapter.type) ?? new Set<string>()) : undefined;
      return [adapter, await adapter.list(fullCtx, { named, keysOnly: !full.has(adapter.type) })];
    } catch (error) {
      if (error instanceof ApiError) throw error.concerning(`reading ${adapter.type}`);
      if (!(error instanceof FeatureUnavailableError)) throw error;
      unavailable.push(error);
      return [adapter, []];
    }
  };
  const listed = await Promise.all(
    adapters.filter((a) => full.has(a.type) || keysOnly.has(a.type)).map(read),
  );
  const reading: ReadingReport = {
    ms: Math.round(performance.now() - started),
    calls: ctx.api.stats().requests - callsBefore,
    // Most first; ties by name, so the order does not depend on which read finished first.
    perObject: [...perObject.entries()]
      .sort(([a, x], [b, y]) => y.calls - x.calls || (a < b ? -1 : 1))
      .map(([, entry]) => entry),
  };

  for (const [adapter, records] of listed) {
    refs.addType(adapter.type, () => {
      const byId = new Map<string, Entry>();
      for (const record of records) {
        const config = adapter.toConfig(record, refs);
        byId.set(record.id, { record, config, key: record.key ?? adapter.keyOf(config) });
      }
      const renames = plan.renames?.get(adapter.type);
      if (renames) rename(adapter.type, byId, renames, renamed, renameConflicts);
      return byId;
    });
  }

  const objects = new Map<string, Map<string, LiveObject>>();
  const ambiguous: LiveState['ambiguous'] = [];
  for (const [adapter] of listed) {
    const byKey = new Map<string, LiveObject>();
    const idsByKey = new Map<string, string[]>();
    for (const [id, { record, config, key }] of refs.entries(adapter.type)) {
      idsByKey.set(key, [...(idsByKey.get(key) ?? []), id]);
      byKey.set(key, {
        type: adapter.type,
        key,
        id,
        config,
        raw: record.raw,
        system: adapter.isSystem(record, fullCtx),
      });
    }
    for (const [key, ids] of idsByKey) {
      if (ids.length > 1) ambiguous.push({ type: adapter.type, key, ids });
    }
    objects.set(adapter.type, byKey);
  }
  return { objects, ambiguous, refs, unavailable, reading, renamed, renameConflicts };
}

function rename(
  type: string,
  byId: Map<string, Entry>,
  renames: ReadonlyMap<string, string>,
  renamed: Rename[],
  conflicts: Rename[],
): void {
  const keys = new Set([...byId.values()].map((e) => e.key));
  for (const entry of byId.values()) {
    const to = renames.get(entry.key);
    if (to === undefined) continue;
    const move = { type, from: entry.key, to };
    if (keys.has(to)) conflicts.push(move);
    else {
      entry.key = to;
      renamed.push(move);
    }
  }
}

/**
 * The types read for their keys only: those the given types refer to, and, from there on,
 * those their keys name (a grant's key holds its client's name), not counting the given ones.
 */
function referencedClosure(adapters: readonly ResourceAdapter[], types: ReadonlySet<string>): Set<string> {
  const byType = new Map(adapters.map((a) => [a.type, a]));
  const found = new Set<string>();
  const visit = (next: readonly string[] | undefined) => {
    for (const type of next ?? []) {
      if (found.has(type) || types.has(type)) continue;
      found.add(type);
      visit(byType.get(type)?.keyReferencedTypes);
    }
  };
  for (const type of types) visit(byType.get(type)?.referencedTypes);
  return found;
}

type Entry = { record: LiveRecord; config: ConfigObject; key: string };

class TenantRefResolver implements MutableRefResolver {
  private readonly compute = new Map<string, () => Map<string, Entry>>();
  private readonly computed = new Map<string, Map<string, Entry>>();
  private readonly idByKey = new Map<string, Map<string, string>>();
  private readonly keyById = new Map<string, Map<string, string>>();
  private readonly inProgress = new Set<string>();
  /** The types whose keys are being computed, innermost last. */
  private readonly computing: string[] = [];
  private readonly selfReferenced = new Set<string>();
  /** Keys of a type from its first pass, while its second pass translates references to itself. */
  private readonly provisional = new Map<string, Map<string, string>>();

  addType(type: string, compute: () => Map<string, Entry>): void {
    this.compute.set(type, compute);
  }

  entries(type: string): Map<string, Entry> {
    this.ensure(type);
    return this.computed.get(type) ?? new Map();
  }

  idOf(type: string, key: string): string {
    this.ensure(type);
    const id = this.idByKey.get(type)?.get(key);
    if (id === undefined) throw new Error(`no ${type} object '${key}' exists in the tenant`);
    return id;
  }

  keyOf(type: string, id: string): string | undefined {
    // An object naming another of its own type (a client's landing client) while that type's
    // keys are being computed: the first pass leaves the id, the second has the keys.
    if (this.computing.at(-1) === type) {
      this.selfReferenced.add(type);
      return this.provisional.get(type)?.get(id);
    }
    this.ensure(type);
    return this.keyById.get(type)?.get(id);
  }

  remember(type: string, key: string, id: string): void {
    this.ensure(type);
    this.map(this.idByKey, type).set(key, id);
    this.map(this.keyById, type).set(id, key);
  }

  forget(type: string, key: string): void {
    this.ensure(type);
    const id = this.idByKey.get(type)?.get(key);
    this.idByKey.get(type)?.delete(key);
    if (id !== undefined) this.keyById.get(type)?.delete(id);
  }

  private ensure(type: string): void {
    if (this.computed.has(type) || !this.compute.has(type)) return;
    if (this.inProgress.has(type)) throw new Error(`live keys of '${type}' depend on themselves`);
    this.inProgress.add(type);
    this.computing.push(type);
    const compute = this.compute.get(type)!;
    let entries: Map<string, Entry>;
    try {
      entries = compute();
      if (this.selfReferenced.has(type)) {
        // No key is made of references to its own type, so the first pass's keys are final.
        this.provisional.set(type, new Map([...entries].map(([id, { key }]) => [id, key])));
        entries = compute();
      }
    } finally {
      this.provisional.delete(type);
      this.computing.pop();
    }
    this.inProgress.delete(type);
    this.computed.set(type, entries);
    for (const [id, { key }] of entries) {
      this.map(this.idByKey, type).set(key, id);
      this.map(this.keyById, type).set(id, key);
    }
  }

  private map(store: Map<string, Map<string, string>>, type: string): Map<string, string> {
    const existing = store.get(type);
    if (existing) return existing;
    const created = new Map<string, string>();
    store.set(type, created);
    return created;
  }
}
