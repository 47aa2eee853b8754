// Keyed families: objects addressed by key in the path (an email template by name, custom
// text by prompt and language, bindings by trigger). Each key is read on its own, so a read
// covers only the keys a run needs; "delete" writes the reset state.

import type { ConfigObject } from '../../core/json.ts';
import { joinKey, splitKey } from '../../core/objects.ts';
import type { AdapterContext, LiveRecord, ReadScope } from '../contract.ts';
import type { CompiledType, Lifecycle } from './compile.ts';
import { call, isNotFound, listAll, operation, type PathParams } from './operations.ts';
import { patchBody } from './shaping.ts';
import type { KeyedSpec } from './spec.ts';

export function keyedLifecycle(spec: KeyedSpec, t: CompiledType): Lifecycle {
  const type = spec.type;
  const ops = {
    read: operation(type, spec.operations.read),
    write: operation(type, spec.operations.write),
    create: spec.operations.create ? operation(type, spec.operations.create) : undefined,
  };
  const put = ops.write.method === 'PUT';
  const section = spec.section ?? 'list';
  const parts = spec.keyParts.map((part) => {
    const values = part.values ?? ops.read.facts.pathParams?.[part.param] ?? undefined;
    if (!(part.param in (ops.read.facts.pathParams ?? {})))
      throw new Error(`${type}: ${ops.read.name} has no path parameter '${part.param}'`);
    if (!values && !part.discover)
      throw new Error(
        `${type}: the values of '${part.param}' are neither an enum in the API document nor discovered`,
      );
    return { ...part, field: part.field ?? part.param, values: values ?? [] };
  });
  const fields = parts.map((p) => p.field);
  const paramsOf = (key: string): PathParams =>
    Object.fromEntries(splitKey(key).map((value, i) => [parts[i]!.param, value]));

  /** The keys a read covers: what config names, what the tenant uses, and whole enums where cheap. */
  const keysToRead = async (ctx: AdapterContext, scope: ReadScope): Promise<string[][]> => {
    const named = scope.named ? [...scope.named].map(splitKey) : undefined;
    const columns = await Promise.all(
      parts.map(async (part, i) => {
        const values = new Set<string>();
        if (part.discover) for (const v of await part.discover(ctx)) values.add(v);
        if (part.read === 'all' || (!named && !part.discover)) for (const v of part.values) values.add(v);
        for (const key of named ?? []) if (key[i] !== undefined) values.add(key[i]!);
        return [...values].sort();
      }),
    );
    return columns.reduce<string[][]>(
      (keys, column) => keys.flatMap((k) => column.map((v) => [...k, v])),
      [[]],
    );
  };

  /**
   * One object, or undefined when there is none. One in the reset state is absent too,
   * unless config names it: then config wants it in that state (a disabled template).
   */
  const readOne = async (
    ctx: AdapterContext,
    key: string,
    named = false,
  ): Promise<LiveRecord | undefined> => {
    let raw: Record<string, unknown>;
    try {
      raw = ops.read.facts.paging
        ? { [ops.read.facts.listKey as string]: await listAll(ctx, ops.read, paramsOf(key)) }
        : await call<Record<string, unknown>>(ctx, ops.read, paramsOf(key));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const record: LiveRecord = { id: key, key, raw: raw ?? {} };
    return !named && spec.isReset(t.toConfig(record, ctx.refs)) ? undefined : record;
  };

  const write = async (ctx: AdapterContext, key: string, config: ConfigObject): Promise<void> => {
    try {
      await call(ctx, ops.write, paramsOf(key), t.apiBody(config, ctx));
    } catch (error) {
      // Not there until created: the first write is a create.
      if (!(ops.create && isNotFound(error))) throw error;
      await call(ctx, ops.create, {}, t.apiBody(config, ctx));
    }
  };

  return {
    section,
    ...(section === 'map' && {
      mapKeys: fields,
      mapKeyValues: parts.map((p) => (p.discover && !p.values.length ? undefined : p.values)),
    }),
    keyFields: section === 'list' ? fields : [],
    configSchema: ops.write.facts.requestSchema,
    compare: put ? 'exact' : 'subset',
    writeOperations: ops.create ? [ops.write, ops.create] : [ops.write],

    async list(ctx, scope) {
      const keys = await keysToRead(ctx, scope);
      const records = await Promise.all(
        keys.map((k) => readOne(ctx, joinKey(k), scope.named?.has(joinKey(k)) ?? false)),
      );
      return records.filter((r): r is LiveRecord => r !== undefined);
    },

    async create(ctx, req) {
      await write(ctx, req.key, req.desired);
      const record: LiveRecord = { id: req.key, key: req.key, raw: req.desired };
      await spec.hooks?.afterWrite?.(ctx, record, req.desired);
      return record;
    },

    async update(ctx, req) {
      const source = put ? req.desired : patchBody(req.desired, req.changed.filter(t.isOwnField), req.live);
      await write(ctx, req.key, source);
      await spec.hooks?.afterWrite?.(ctx, { id: req.key, key: req.key, raw: req.liveRaw ?? {} }, req.desired);
    },

    async delete(ctx, req) {
      const reset = typeof spec.reset === 'function' ? spec.reset(splitKey(req.key)) : spec.reset;
      await call(ctx, ops.write, paramsOf(req.key), reset);
    },

    findByKey: (ctx, key) => readOne(ctx, key, true),
  };
}
