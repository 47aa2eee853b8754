// Sub-resources: array fields of an object that the API reads and writes through endpoints
// of their own, in the three shapes it uses — bulk add/remove (a role's permissions), one
// request per item (an organization's connections), and chunked status patches (a
// connection's clients). In config each is a plain set-like array, in canonical order.

import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../../core/json.ts';
import type { AdapterContext, Reference, RefResolver } from '../contract.ts';
import { type BoundOperation, call, listAll, operation } from './operations.ts';
import { canonicalSet } from './shaping.ts';
import type { ItemField, SubResourceSpec } from './spec.ts';

export interface CompiledSubResource {
  spec: SubResourceSpec;
  field: string;
  list: BoundOperation;
  /** The list operation's path parameter that takes the parent's id. */
  parentParam: string;
  /** Identity fields of an item in config ([] for plain values). */
  identity: readonly string[];
  writeOps: Record<string, BoundOperation>;
  referencedTypes: string[];
}

export function compileSubResource(type: string, spec: SubResourceSpec): CompiledSubResource {
  const list = operation(type, spec.list);
  const params = Object.keys(list.facts.pathParams ?? {});
  if (params.length !== 1)
    throw new Error(`${type}.${spec.field}: ${spec.list} must take one path parameter`);
  const { style: _style, ...rest } = spec.write;
  const writeOps: Record<string, BoundOperation> = {};
  for (const [role, name] of Object.entries(rest)) {
    if (typeof name === 'string' && name.includes(' /')) writeOps[role] = operation(type, name);
  }
  if (spec.write.style === 'each' && spec.write.lookup)
    writeOps.lookup = operation(type, spec.write.lookup.operation);
  const fields = 'value' in spec.item ? [spec.item.value] : Object.values(spec.item.fields);
  return {
    spec,
    field: spec.field,
    list,
    parentParam: params[0] as string,
    identity: 'value' in spec.item ? [] : spec.item.identity,
    writeOps,
    referencedTypes: fields.flatMap((f) => (f.type ? [f.type] : [])),
  };
}

/** The parent's items as the API lists them; `onRead` when that took a read of its own. */
export async function readItems(
  ctx: AdapterContext,
  sub: CompiledSubResource,
  parentId: string,
  listed: Record<string, unknown>,
  onRead?: () => void,
): Promise<Json[]> {
  const fromList = sub.spec.listedAs ? listed[sub.spec.listedAs] : undefined;
  if (Array.isArray(fromList)) return fromList as Json[];
  onRead?.();
  return listAll<Json>(ctx, sub.list, { [sub.parentParam]: parentId });
}

/** API items → the config field's value: names for ids, defaults filled, canonical order. */
export function itemsToConfig(sub: CompiledSubResource, items: readonly Json[], refs: RefResolver): Json[] {
  const item = sub.spec.item;
  const toName = (f: ItemField, value: Json | undefined): Json => {
    if (f.type && (f.by ?? 'id') === 'id' && typeof value === 'string')
      return refs.keyOf(f.type, value) ?? value;
    return value ?? null;
  };
  const config = items.map((raw): Json => {
    // A listed plain value (an id in a connection's enabled_clients) is the item's one field.
    const apiItem = isPlainObject(raw) ? raw : 'value' in item ? { [item.value.api]: raw } : {};
    if ('value' in item) return toName(item.value, apiItem[item.value.listedAs ?? item.value.api] as Json);
    const element: ConfigObject = {};
    for (const [name, f] of Object.entries(item.fields)) {
      const listed = apiItem[f.listedAs ?? f.api];
      if (listed !== undefined) element[name] = toName(f, listed as Json);
    }
    return element;
  });
  return canonicalItems(sub, config);
}

/** A config value of the field in canonical form: defaults filled in, sorted, each item once. */
export function canonicalItems(sub: CompiledSubResource, value: Json | undefined): Json[] {
  const list = Array.isArray(value) ? value : [];
  const item = sub.spec.item;
  if ('value' in item) return canonicalSet(list.map(String), []);
  const filled = list.map((e) =>
    isPlainObject(e) ? { ...(item.defaults ?? {}), ...(e as ConfigObject) } : e,
  );
  return canonicalSet(filled, sub.identity);
}

/** Config items without the defaults their fields have (export writes what the user would). */
export function itemsWithoutDefaults(sub: CompiledSubResource, value: Json | undefined): Json | undefined {
  const item = sub.spec.item;
  if (!Array.isArray(value) || 'value' in item || !item.defaults) return value;
  const defaults = item.defaults;
  return value.map((e) =>
    isPlainObject(e)
      ? Object.fromEntries(
          Object.entries(e).filter(([k, v]) => canonicalJson(v) !== canonicalJson(defaults[k])),
        )
      : e,
  ) as Json;
}

/** The references the items of the field hold, at their paths in config as written. */
export function itemReferences(sub: CompiledSubResource, value: Json | undefined): Reference[] {
  const list = Array.isArray(value) ? value : [];
  const item = sub.spec.item;
  const found: Reference[] = [];
  list.forEach((e, i) => {
    if ('value' in item) {
      if (item.value.type && typeof e === 'string')
        found.push({ type: item.value.type, key: e, path: `${sub.field}.${i}` });
      return;
    }
    if (!isPlainObject(e)) return;
    for (const [name, f] of Object.entries(item.fields)) {
      const v = e[name];
      if (typeof v !== 'string') continue;
      const path = `${sub.field}.${i}.${name}`;
      if (f.memberOf) {
        const owner = e[f.memberOf];
        const target = item.fields[f.memberOf]?.type;
        if (typeof owner === 'string' && target) found.push({ type: target, key: owner, path, member: v });
      } else if (f.type) {
        found.push({ type: f.type, key: v, path });
      }
    }
  });
  return found;
}

/**
 * Writes the difference between the items the parent has (`current`, config shape) and
 * those it should have (`wanted`), in the sub-resource's write style.
 */
export async function writeItems(
  ctx: AdapterContext,
  sub: CompiledSubResource,
  parentId: string,
  current: Json | undefined,
  wanted: Json | undefined,
): Promise<void> {
  const before = canonicalItems(sub, current);
  const after = canonicalItems(sub, wanted);
  const identityOf = (e: Json) =>
    sub.identity.length === 0 || !isPlainObject(e)
      ? canonicalJson(e)
      : canonicalJson(sub.identity.map((k) => e[k] ?? null));
  const byIdentity = (list: Json[]) => new Map(list.map((e) => [identityOf(e), e]));
  const had = byIdentity(before);
  const wants = byIdentity(after);
  const removed = [...had].filter(([id]) => !wants.has(id)).map(([, e]) => e);
  const added = [...wants].filter(([id]) => !had.has(id)).map(([, e]) => e);
  const changed = [...wants].filter(
    ([id, e]) => had.has(id) && canonicalJson(had.get(id)) !== canonicalJson(e),
  );
  const parent = { [sub.parentParam]: parentId };
  const write = sub.spec.write;
  const ops = sub.writeOps;

  if (write.style === 'bulk') {
    // A whole-item identity: a changed item is a removal and an addition. Both are set
    // operations (adding what is there adds nothing), so both may be repeated after a fault.
    if (removed.length > 0) {
      await call(ctx, ops.remove!, parent, {
        [write.bodyKey]: removed.map((e) => toApiItem(sub, e, ctx, true)),
      });
    }
    if (added.length > 0) {
      const body = { [write.bodyKey]: added.map((e) => toApiItem(sub, e, ctx, false)) };
      await call(ctx, ops.add!, parent, body, undefined, true);
    }
    return;
  }
  if (write.style === 'status') {
    const patches = [
      ...added.map((e) => ({ ...toApiItem(sub, e, ctx, false), status: true })),
      ...removed.map((e) => ({ ...toApiItem(sub, e, ctx, true), status: false })),
    ];
    // The API takes at most `chunk` items per request.
    for (let start = 0; start < patches.length; start += write.chunk) {
      await call(ctx, ops.operation!, parent, patches.slice(start, start + write.chunk));
    }
    return;
  }
  const itemParams = async (e: Json) => {
    const item = toApiItem(sub, e, ctx, true);
    const lookup = write.lookup;
    const id = lookup
      ? (
          await call<ConfigObject>(ctx, ops.lookup!, {
            ...parent,
            [lookup.param]: String((e as ConfigObject)[lookup.field]),
          })
        )[write.idField]
      : item[write.idField];
    return { ...parent, [write.itemParam]: String(id) };
  };
  // Items that cannot change in place are replaced: removed here, added below.
  const replaced = ops.update ? [] : changed.map(([, e]) => e);
  for (const e of [...removed, ...replaced]) await call(ctx, ops.remove!, await itemParams(e));
  for (const [id, e] of ops.update ? changed : []) {
    const old = had.get(id) as ConfigObject;
    const patch = Object.fromEntries(
      Object.entries(toApiItem(sub, e, ctx, false)).filter(([k]) => {
        const name = configNameOf(sub, k);
        return (
          !sub.identity.includes(name) &&
          canonicalJson(old[name]) !== canonicalJson((e as ConfigObject)[name])
        );
      }),
    );
    if (Object.keys(patch).length > 0) await call(ctx, ops.update!, await itemParams(e), patch);
  }
  for (const e of [...added, ...replaced]) {
    let body = toApiItem(sub, e, ctx, false);
    const item = sub.spec.item;
    const omitted = write.addOmitsDefaults ?? [];
    if (omitted.length > 0 && !('value' in item) && item.defaults) {
      const defaults = item.defaults;
      body = Object.fromEntries(
        Object.entries(body).filter(([k]) => {
          const name = configNameOf(sub, k);
          return (
            !omitted.includes(name) ||
            canonicalJson((e as ConfigObject)[name]) !== canonicalJson(defaults[name])
          );
        }),
      );
    }
    await call(ctx, ops.add!, parent, body);
  }
}

/** Config item → API item. For a removal, a name that no longer resolves is taken as the id it was shown as. */
function toApiItem(
  sub: CompiledSubResource,
  element: Json,
  ctx: AdapterContext,
  lenient: boolean,
): ConfigObject {
  const toId = (f: ItemField, value: Json | undefined): Json => {
    if (!f.type || (f.by ?? 'id') !== 'id' || typeof value !== 'string') return value ?? null;
    try {
      return ctx.refs.idOf(f.type, value);
    } catch (error) {
      if (lenient) return value;
      throw error;
    }
  };
  const item = sub.spec.item;
  if ('value' in item) return { [item.value.api]: toId(item.value, element) };
  const out: ConfigObject = {};
  for (const [name, f] of Object.entries(item.fields)) {
    const v = (element as ConfigObject)[name];
    if (v !== undefined) out[f.api] = toId(f, v);
  }
  return out;
}

function configNameOf(sub: CompiledSubResource, apiName: string): string {
  const item = sub.spec.item;
  if ('value' in item) return apiName;
  return Object.entries(item.fields).find(([, f]) => f.api === apiName)?.[0] ?? apiName;
}
