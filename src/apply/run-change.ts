// Executes one planned change through its adapter. Type-specific behaviour stays in the
// adapters; what lives here is what every type shares: remembering new ids so later
// changes can refer to them, recovering a create whose response was lost (or repeating it
// once the tenant shows it did not happen), treating a delete of something already gone as
// done, and failing with a message that names the request (method, path, status).

import { ApiError, ApiNetworkError } from '../api/api-error.ts';
import type { AdapterContext, ResourceAdapter, WriteRequest } from '../resources/contract.ts';
import type { MutableRefResolver } from '../resources/live-state.ts';
import type { Change } from '../planner/model.ts';

export interface ChangeRunnerDeps {
  adapterFor(type: string): ResourceAdapter;
  ctx: AdapterContext & { refs: MutableRefResolver };
}

export function changeRunner(deps: ChangeRunnerDeps): (change: Change) => Promise<void> {
  const run = runChange(deps);
  return async (change) => {
    try {
      await run(change);
    } catch (error) {
      // The change's address is said by whoever reports the failure; this says which request.
      if (error instanceof ApiError) throw new Error(error.summary, { cause: error });
      throw error;
    }
  };
}

function runChange({ adapterFor, ctx }: ChangeRunnerDeps): (change: Change) => Promise<void> {
  return async (change) => {
    const adapter = adapterFor(change.type);
    const req: WriteRequest = {
      key: change.key,
      desired: change.desired ?? {},
      changed: change.changed,
      id: change.id,
      live: change.live,
    };
    switch (change.action) {
      case 'create':
        await create(adapter, ctx, req);
        return;
      case 'update':
        await adapter.update(ctx, req);
        return;
      case 'replace':
        await remove(adapter, ctx, req);
        await create(adapter, ctx, { ...req, id: undefined, live: undefined });
        return;
      case 'delete':
        await remove(adapter, ctx, req);
        return;
    }
  };
}

async function create(
  adapter: ResourceAdapter,
  ctx: ChangeRunnerDeps['ctx'],
  req: WriteRequest,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const created = await adapter.create(ctx, req);
      ctx.refs.remember(adapter.type, req.key, created.id);
      return;
    } catch (error) {
      // A create is never retried blindly: if it did happen (409, or a response lost to a
      // timeout or 5xx), the object exists under its natural key; adopt it and converge it.
      if (!mayHaveCreated(error)) throw error;
      const existing = await adapter.findByKey(ctx, req.key);
      if (existing) {
        ctx.refs.remember(adapter.type, req.key, existing.id);
        const live = adapter.toConfig(existing, ctx.refs);
        await adapter.update(ctx, { ...req, id: existing.id, live, changed: Object.keys(req.desired) });
        return;
      }
      if (error instanceof ApiError && error.status === 409) throw error;
      // Not there: the create did not happen, so sending it again cannot make a duplicate. It
      // is repeated as any retry is, within the run's budget, so scattered faults are ridden
      // out without failing the change (and the changes that depend on it).
      const reason = error instanceof ApiError ? String(error.status) : 'network';
      if (!(await ctx.api.repeatChecked(error, attempt, reason))) throw error;
    }
  }
}

async function remove(
  adapter: ResourceAdapter,
  ctx: ChangeRunnerDeps['ctx'],
  req: WriteRequest,
): Promise<void> {
  try {
    await adapter.delete(ctx, req);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
  ctx.refs.forget(adapter.type, req.key);
}

function mayHaveCreated(error: unknown): error is ApiError | ApiNetworkError {
  if (error instanceof ApiError) return error.status === 409 || error.status >= 500;
  // No response arrived: the request may or may not have reached the tenant.
  return error instanceof ApiNetworkError;
}
