// Collections: objects with ids, listed in one paged read, created, changed and deleted by id.

import type { AdapterContext, LiveRecord, ReadScope } from '../contract.ts';
import type { CompiledType, Lifecycle } from './compile.ts';
import { type BoundOperation, call, isNotFound, listAll, operation } from './operations.ts';
import { patchBody } from './shaping.ts';
import type { CollectionSpec } from './spec.ts';
import { readItems, writeItems } from './sub-resources.ts';

export function collectionLifecycle(spec: CollectionSpec, t: CompiledType): Lifecycle {
  const type = spec.type;
  const ops = {
    list: operation(type, spec.operations.list),
    create: operation(type, spec.operations.create),
    update: spec.operations.update ? operation(type, spec.operations.update) : undefined,
    delete: operation(type, spec.operations.delete),
    read: spec.operations.read ? operation(type, spec.operations.read) : undefined,
    find: spec.operations.find ? operation(type, spec.operations.find) : undefined,
  };
  const idField = spec.idField ?? 'id';
  const createParams = Object.keys(ops.create.facts.pathParams ?? {});
  for (const p of createParams)
    if (!keyFieldsOf(spec).includes(p))
      throw new Error(`${type}: ${ops.create.name} takes '${p}', not a key field`);
  const keyFields = keyFieldsOf(spec);
  const params = {
    update: ops.update ? onlyParam(type, ops.update) : '',
    delete: onlyParam(type, ops.delete),
    find: ops.find ? onlyParam(type, ops.find) : '',
    read: ops.read ? onlyParam(type, ops.read) : '',
  };

  const withSubResources = async (
    ctx: AdapterContext,
    raw: Record<string, unknown>,
    scope: ReadScope,
  ): Promise<LiveRecord> => {
    const id = String(raw[idField]);
    // A summary has the key and the id, enough for others to refer to the object.
    const whole =
      ops.read && !scope.keysOnly
        ? await call<Record<string, unknown>>(ctx, ops.read, { [params.read]: id })
        : raw;
    let record: Record<string, unknown> = { ...whole };
    if (!scope.keysOnly) {
      if (spec.hooks?.readMore) record = { ...record, ...(await spec.hooks.readMore(ctx, raw)) };
      for (const sub of t.subResources) {
        record[sub.field] = await readItems(ctx, sub, id, raw, () =>
          ctx.perObjectReads?.count(type, sub.field),
        );
      }
    }
    return { id, raw: record };
  };

  const list = async (ctx: AdapterContext, scope: ReadScope): Promise<LiveRecord[]> => {
    const all = await listAll<Record<string, unknown>>(ctx, ops.list, {}, spec.listQuery);
    const items = spec.listed ? all.filter(spec.listed) : all;
    // Sub-resource reads are one per object (the API has no bulk read); the rate-limit gate paces them.
    return Promise.all(items.map((raw) => withSubResources(ctx, raw, scope)));
  };

  return {
    section: 'list',
    keyFields,
    configSchema: ops.create.facts.requestSchema,
    compare: ops.update?.method === 'PUT' ? 'exact' : 'subset',
    writeOperations: ops.update ? [ops.create, ops.update] : [ops.create],
    updateFields: ops.update?.facts.requestFields,

    list,

    async create(ctx, req) {
      // A create addressed by key (`PUT /rules-configs/{key}`) takes it from the key field.
      const params = Object.fromEntries(createParams.map((p) => [p, String(req.desired[p])]));
      const created = await call<Record<string, unknown>>(
        ctx,
        ops.create,
        params,
        t.apiBody(req.desired, ctx),
      );
      const record: LiveRecord = { id: String(created[idField]), raw: created };
      for (const sub of t.subResources) {
        if (req.desired[sub.field] !== undefined)
          await writeItems(ctx, sub, record.id, [], req.desired[sub.field]);
      }
      await spec.hooks?.afterWrite?.(ctx, record, req.desired);
      return record;
    },

    async update(ctx, req) {
      const id = req.id!;
      const own = req.changed.filter((f) => t.isOwnField(f));
      if (ops.update && own.length > 0) {
        const source = ops.update.method === 'PUT' ? req.desired : patchBody(req.desired, own, req.live);
        const body = t.apiBody(source, ctx);
        if (Object.keys(body).length > 0) await call(ctx, ops.update, { [params.update]: id }, body);
      }
      for (const sub of t.subResources) {
        if (req.changed.includes(sub.field) && req.desired[sub.field] !== undefined) {
          await writeItems(ctx, sub, id, req.live?.[sub.field], req.desired[sub.field]);
        }
      }
      await spec.hooks?.afterWrite?.(ctx, { id, raw: req.liveRaw ?? {} }, req.desired);
    },

    async delete(ctx, req) {
      await call(ctx, ops.delete, { [params.delete]: req.id! });
    },

    async findByKey(ctx, key) {
      if (ops.find) {
        try {
          const raw = await call<Record<string, unknown>>(ctx, ops.find, { [params.find]: key });
          return raw && raw[idField] !== undefined ? await withSubResources(ctx, raw, {}) : undefined;
        } catch (error) {
          if (isNotFound(error)) return undefined;
          throw error;
        }
      }
      const records = await list(ctx, { keysOnly: true });
      const found = records.find((r) => t.keyOf(t.toConfig(r, ctx.refs)) === key);
      return found ? withSubResources(ctx, found.raw, {}) : undefined;
    },
  };
}

function keyFieldsOf(spec: CollectionSpec): string[] {
  return typeof spec.key === 'string' ? [spec.key] : [...spec.key];
}

/** The path parameter of an item operation (`id` in `/clients/{id}`). */
export function onlyParam(type: string, op: BoundOperation): string {
  const params = Object.keys(op.facts.pathParams ?? {});
  if (params.length !== 1) throw new Error(`${type}: ${op.name} must take exactly one path parameter`);
  return params[0] as string;
}
