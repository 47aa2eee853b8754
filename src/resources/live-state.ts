// Reads the live tenant through the adapters and keys every object by its natural key.
// Keys can depend on other types (a grant's key holds its client's name), so they are
// computed lazily per type through the same resolver the adapters use.

import type { ConfigObject } from '../core/json.ts';
import type { LiveObject } from '../core/objects.ts';
import type { AdapterContext, LiveRecord, RefResolver, ResourceAdapter } from './contract.ts';

export interface LiveState {
  objects: Map<string, Map<string, LiveObject>>;
  /** Natural keys held by more than one live object of a type: they cannot be matched safely. */
  ambiguous: { type: string; key: string; ids: string[] }[];
  refs: MutableRefResolver;
}

export interface MutableRefResolver extends RefResolver {
  /** Records an object created (or found) during apply so later changes can refer to it. */
  remember(type: string, key: string, id: string): void;
  forget(type: string, key: string): void;
}

export async function readLiveState(
  adapters: readonly ResourceAdapter[],
  ctx: Omit<AdapterContext, 'refs'>,
): Promise<LiveState> {
  const refs = new TenantRefResolver();
  const fullCtx: AdapterContext = { ...ctx, refs };
  const listed = await Promise.all(adapters.map(async (a) => [a, await a.list(fullCtx)] as const));

  for (const [adapter, records] of listed) {
    refs.addType(adapter.type, () => {
      const byId = new Map<string, { record: LiveRecord; config: ConfigObject; key: string }>();
      for (const record of records) {
        const config = adapter.toConfig(record, refs);
        byId.set(record.id, { record, config, key: adapter.keyOf(config) });
      }
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
  return { objects, ambiguous, refs };
}

type Entry = { record: LiveRecord; config: ConfigObject; key: string };

class TenantRefResolver implements MutableRefResolver {
  private readonly compute = new Map<string, () => Map<string, Entry>>();
  private readonly computed = new Map<string, Map<string, Entry>>();
  private readonly idByKey = new Map<string, Map<string, string>>();
  private readonly keyById = new Map<string, Map<string, string>>();
  private readonly inProgress = new Set<string>();

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
    const entries = this.compute.get(type)!();
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
