// An object the API keeps beside its parent at an endpoint of its own, one per parent (a
// connection's SCIM configuration, its directory provisioning): absent (404) until a POST
// creates it, then changed by PATCH. In config it is one field of the parent; config that
// leaves the field out does not manage it. It is read only for parents that can have one.

import { ApiError } from '../api/api-error.ts';
import { type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import type { AdapterContext } from './contract.ts';
import { call, operation } from './kit/operations.ts';
import type { OperationName } from './kit/spec.ts';

export interface AttachedObjectSpec {
  /** The parent's type. */
  type: string;
  /** The parent's config field holding it. */
  field: string;
  read: OperationName;
  create: OperationName;
  update: OperationName;
  /** Whether a parent (as listed) can have one: only those are read. */
  appliesTo: (raw: Record<string, unknown>) => boolean;
  /** Statuses of the read that mean "none" besides 404 (a tenant without the feature). */
  noneStatuses?: readonly number[];
  /** Counted in the plan's report of per-object reads. */
  reported?: boolean;
  /** What config holds of the object as the API reads it. */
  toConfig: (read: ConfigObject) => ConfigObject;
  /** The update's body from config's settings and the tenant's, or undefined when nothing would change. */
  updateBody: (wanted: ConfigObject, current: ConfigObject) => ConfigObject | undefined;
  /** The create's body from config's settings (default: as config writes them). */
  createBody?: (wanted: ConfigObject) => ConfigObject;
}

export interface AttachedObject {
  /** For the parent's readMore: the object, kept on the raw record under a key of its own (`null`: none). */
  read(ctx: AdapterContext, raw: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** For the parent's fromApi: the raw record with the object moved into its config field. */
  toConfig(raw: Record<string, unknown>): ConfigObject;
  /** For the parent's toApi: the body without the field (written at its own endpoint). */
  withoutField(body: ConfigObject): ConfigObject;
  /** After the parent's create or update: creates or changes the object config names. */
  write(ctx: AdapterContext, parentId: string, desired: ConfigObject): Promise<void>;
}

export function attachedObject(spec: AttachedObjectSpec): AttachedObject {
  const ops = {
    read: operation(spec.type, spec.read),
    create: operation(spec.type, spec.create),
    update: operation(spec.type, spec.update),
  };
  const readKey = `tenantform:${spec.field}`;
  const none = new Set([404, ...(spec.noneStatuses ?? [])]);

  const current = async (ctx: AdapterContext, parentId: string): Promise<ConfigObject | undefined> => {
    try {
      return await call<ConfigObject>(ctx, ops.read, { id: parentId });
    } catch (error) {
      if (error instanceof ApiError && none.has(error.status)) return undefined;
      throw error;
    }
  };

  return {
    async read(ctx, raw) {
      if (!spec.appliesTo(raw)) return {};
      if (spec.reported) ctx.perObjectReads?.count(spec.type, spec.field);
      return { [readKey]: (await current(ctx, String(raw.id))) ?? null };
    },
    toConfig(raw) {
      const config = structuredClone(raw) as ConfigObject;
      delete config[readKey];
      const read = raw[readKey];
      if (isPlainObject(read as Json)) config[spec.field] = spec.toConfig(read as ConfigObject);
      return config;
    },
    withoutField(body) {
      const { [spec.field]: _attached, ...rest } = body;
      return rest;
    },
    async write(ctx, parentId, desired) {
      const wanted = desired[spec.field];
      if (!isPlainObject(wanted)) return;
      const params = { id: parentId };
      const had = await current(ctx, parentId);
      if (!had) {
        await call(ctx, ops.create, params, spec.createBody ? spec.createBody(wanted) : wanted);
        return;
      }
      const body = spec.updateBody(wanted, had);
      if (body) await call(ctx, ops.update, params, body);
    },
  };
}
