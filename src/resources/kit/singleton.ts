// Singletons: one object per tenant at a fixed path. Most always exist (tenant settings);
// some are created once (the email provider: a read answers 404 until then).

import type { LiveRecord } from '../contract.ts';
import type { CompiledType, Lifecycle } from './compile.ts';
import { call, isNotFound, operation } from './operations.ts';
import { patchBody } from './shaping.ts';
import type { SingletonSpec } from './spec.ts';

export function singletonLifecycle(spec: SingletonSpec, t: CompiledType): Lifecycle {
  const type = spec.type;
  const ops = {
    read: operation(type, spec.operations.read),
    update: operation(type, spec.operations.update),
    create: spec.operations.create ? operation(type, spec.operations.create) : undefined,
  };
  const put = ops.update.method === 'PUT';
  const recordOf = (raw: Record<string, unknown>): LiveRecord => ({ id: type, key: 'default', raw });

  const read = async (ctx: Parameters<Lifecycle['list']>[0]): Promise<LiveRecord[]> => {
    try {
      return [recordOf(await call<Record<string, unknown>>(ctx, ops.read))];
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
      if (Object.keys(body).length > 0) await call(ctx, ops.update, {}, body);
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
