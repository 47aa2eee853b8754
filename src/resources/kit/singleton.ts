// Singletons: one object per tenant at a fixed path. Most always exist (tenant settings);
// some are created once (the email provider: a read answers 404 until then). A few have an id
// of their own the update's path takes (the branding theme), or are one item of a list (the
// global client, whose login page is a type of its own).

import type { LiveRecord } from '../contract.ts';
import type { CompiledType, Lifecycle } from './compile.ts';
import { call, isNotFound, listAll, operation, type PathParams } from './operations.ts';
import { patchBody } from './shaping.ts';
import type { SingletonSpec } from './spec.ts';

export function singletonLifecycle(spec: SingletonSpec, t: CompiledType): Lifecycle {
  const type = spec.type;
  const ops = {
    read: spec.operations.read ? operation(type, spec.operations.read) : undefined,
    update: operation(type, spec.operations.update),
    create: spec.operations.create ? operation(type, spec.operations.create) : undefined,
  };
  // Without a read nothing tells whether the object exists, so it cannot be one created once.
  if (!ops.read && (ops.create || spec.listed || spec.idField))
    throw new Error(`${type}: a singleton without a read has neither create, listed nor idField`);
  // ...and a field that is not write-only could never be compared: it would be written every run.
  const comparable = ops.read
    ? []
    : (ops.update.facts.requestFields ?? ['(any)']).filter((f) => !spec.fields?.writeOnly?.includes(f));
  if (comparable.length > 0)
    throw new Error(`${type}: without a read, every field must be write-only; not: ${comparable.join(', ')}`);
  const put = ops.update.method === 'PUT' || spec.wholeUpdate === true;
  const updateParam = Object.keys(ops.update.facts.pathParams ?? {});
  if (updateParam.length !== (spec.idField ? 1 : 0))
    throw new Error(
      `${type}: ${ops.update.name} takes ${updateParam.length} path parameters; idField names the one it may take`,
    );
  const recordOf = (raw: Record<string, unknown>): LiveRecord => ({
    id: spec.idField ? String(raw[spec.idField]) : type,
    key: 'default',
    raw,
  });
  const updateParams = (id: string | undefined): PathParams =>
    spec.idField ? { [updateParam[0] as string]: id ?? '' } : {};

  const readOne = async (ctx: Parameters<Lifecycle['list']>[0]): Promise<Record<string, unknown>> => {
    // Nothing to read (the API has no read): the tenant side is empty, and only write-only
    // fields, compared through their digests, can be managed.
    if (!ops.read) return {};
    // A read that answers a bare list (the MFA policies) is the object itself, unless the spec
    // says which item of a list the object is (the global client among the clients).
    if (!spec.listed || !ops.read.facts.paging) return call<Record<string, unknown>>(ctx, ops.read);
    const items = await listAll<Record<string, unknown>>(ctx, ops.read, {}, spec.listQuery);
    const found = items.find((raw) => spec.listed?.(raw) ?? true);
    if (!found) throw new Error(`${type}: ${ops.read.name} lists no such object`);
    return found;
  };

  const read = async (ctx: Parameters<Lifecycle['list']>[0]): Promise<LiveRecord[]> => {
    try {
      return [recordOf(await readOne(ctx))];
    } catch (error) {
      if (ops.create && isNotFound(error)) return [];
      throw error;
    }
  };

  return {
    section: 'singleton',
    keyFields: [],
    configSchema: (ops.create ?? ops.update).facts.requestSchema,
    compare: put ? 'exact' : 'subset',
    writeOperations: ops.create ? [ops.create, ops.update] : [ops.update],

    list: read,

    async create(ctx, req) {
      const op = ops.create ?? ops.update;
      const written = await call<Record<string, unknown> | undefined>(
        ctx,
        op,
        {},
        t.apiBody(req.desired, ctx),
      );
      const record = recordOf(written ?? req.desired);
      await spec.hooks?.afterWrite?.(ctx, record, req.desired);
      return record;
    },

    async update(ctx, req) {
      const source = put ? req.desired : patchBody(req.desired, req.changed.filter(t.isOwnField), req.live);
      const body = t.apiBody(source, ctx);
      // A PUT writes what config says even when that is empty (no MFA policies).
      if (put || Object.keys(body).length > 0) await call(ctx, ops.update, updateParams(req.id), body);
      await spec.hooks?.afterWrite?.(ctx, recordOf(req.liveRaw ?? {}), req.desired);
    },

    async delete() {
      throw new Error(`${type} cannot be deleted: leave it out of config to stop managing it`);
    },

    async findByKey(ctx) {
      return (await read(ctx))[0];
    },
  };
}
