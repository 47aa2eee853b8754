import { badRequest, conflict, notFound, orNotFound } from '../http/api-error.ts';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import type { Json } from '../openapi/document.ts';

/** Tenant-managed triggers and the version each runs actions on. */
const TRIGGERS: [id: string, version: string][] = [
  ['post-login', 'v3'],
  ['credentials-exchange', 'v2'],
  ['pre-user-registration', 'v2'],
  ['post-user-registration', 'v2'],
  ['post-change-password', 'v2'],
  ['send-phone-message', 'v2'],
  ['password-reset-post-challenge', 'v1'],
  ['custom-phone-provider', 'v1'],
  ['custom-email-provider', 'v1'],
];
const TRIGGER_IDS = new Set(TRIGGERS.map(([id]) => id));
const NOT_FOUND = { message: 'The action does not exist.', errorCode: 'inexistent_action' };
const ACTIONS = '/actions/actions';

const bindingsPath = (triggerId: string) => `/actions/triggers/${triggerId}/bindings`;

/** Read without creating: a trigger nothing was ever bound to has no bindings collection. */
function bindingsOf(context: RequestContext, triggerId: string): Json[] {
  return [...(context.store.collections.get(bindingsPath(triggerId))?.values() ?? [])];
}

/** The `{triggerId}` of the path, or 404 when the tenant has no such trigger. */
function requireTrigger(context: RequestContext): string {
  const { triggerId } = context.params;
  if (!TRIGGER_IDS.has(triggerId))
    throw notFound(`Trigger ${triggerId} does not exist.`, 'inexistent_trigger');
  return triggerId;
}

/**
 * Builds are simulated by time, not timers: an action records when its current draft will
 * have built, and its status is derived on read. That survives `--data` restarts for free.
 */
function statusOf(context: RequestContext, action: Json): string {
  const readyAt = Number(action._built_at ?? 0);
  const now = context.now().getTime();
  if (now >= readyAt) return 'built';
  return now >= readyAt - context.actionBuildMs / 2 ? 'building' : 'pending';
}

function presentAction(context: RequestContext, stored: Json): Json {
  const { _built_at, _version_count, secrets, ...visible } = stored;
  return {
    ...visible,
    // Secrets are write-only: reads give their names.
    secrets: (secrets ?? []).map((s: Json) => ({
      name: s.name,
      updated_at: s.updated_at ?? stored.updated_at,
    })),
    status: statusOf(context, stored),
  };
}

function boundTriggers(context: RequestContext, actionId: string): string[] {
  return [...TRIGGER_IDS].filter((trigger) =>
    bindingsOf(context, trigger).some((b) => b.action?.id === actionId),
  );
}

function deploy(context: RequestContext): { status: number; body: Json } {
  const id = context.params.id ?? context.params.actionId;
  const action = orNotFound(context.store.collection(ACTIONS).get(id), NOT_FOUND);
  if (statusOf(context, action) !== 'built') {
    throw badRequest(
      "A draft must be in the 'built' state before it can be deployed.",
      'invalid_action_state',
    );
  }
  const now = context.now().toISOString();
  const number = Number(action._version_count ?? 0) + 1;
  const versions = context.store.collection(`${ACTIONS}/${id}/versions`);
  for (const [versionId, version] of versions) versions.set(versionId, { ...version, deployed: false });
  const version = {
    id: context.ids.uuid(),
    action_id: id,
    number,
    deployed: true,
    status: 'built',
    code: action.code,
    dependencies: action.dependencies ?? [],
    runtime: action.runtime,
    secrets: (action.secrets ?? []).map((s: Json) => ({ name: s.name, updated_at: now })),
    supported_triggers: action.supported_triggers,
    built_at: now,
    created_at: now,
    updated_at: now,
    action: {
      id,
      name: action.name,
      supported_triggers: action.supported_triggers,
      all_changes_deployed: true,
      created_at: action.created_at,
      updated_at: now,
    },
  };
  versions.set(version.id, version);
  const { action: _action, deployed: _deployed, ...deployedVersion } = version;
  context.store.collection(ACTIONS).set(id, {
    ...action,
    _version_count: number,
    current_version: {
      id: version.id,
      code: version.code,
      runtime: version.runtime,
      status: 'BUILT',
      number,
      build_time: now,
      created_at: now,
      updated_at: now,
    },
    deployed_version: { ...deployedVersion, deployed: true },
    all_changes_deployed: true,
  });
  context.store.changed();
  // The answer is the new version before it goes live (recorded: `deployed: false`, status 200).
  return { status: context.operation.successStatus, body: { ...version, deployed: false } };
}

function findBoundAction(context: RequestContext, ref: Json): Json {
  const action = context.store.findBy(ACTIONS, ref?.type === 'action_name' ? 'name' : 'id', ref?.value);
  if (!action) throw badRequest(`Action ${String(ref?.value)} was not found.`, 'invalid_body');
  return action;
}

export const actions: ResourceModule = {
  collection: ACTIONS,
  newId: ({ ids }) => ids.uuid(),
  create: (context, body, id) => {
    if (context.store.findBy(ACTIONS, 'name', body.name))
      throw conflict('An action with this name already exists.', 'conflict');
    const now = context.now();
    return {
      id,
      dependencies: [],
      runtime: 'node22',
      secrets: [],
      ...body,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      all_changes_deployed: false,
      _built_at: now.getTime() + context.actionBuildMs,
    };
  },
  update: (context, existing, body) => {
    const now = context.now();
    return {
      ...existing,
      ...body,
      updated_at: now.toISOString(),
      all_changes_deployed: false,
      _built_at: now.getTime() + context.actionBuildMs,
    };
  },
  beforeDelete: (context, existing) => {
    const bound = boundTriggers(context, existing.id);
    if (bound.length === 0) return;
    const force = context.query.force === true || context.query.force === 'true';
    if (!force) {
      throw conflict(
        `The action is bound to triggers (${bound.join(', ')}); delete it with force=true to unbind it.`,
        'conflict',
      );
    }
    for (const trigger of bound) {
      const bindings = context.store.collection(bindingsPath(trigger));
      for (const [bindingId, binding] of bindings)
        if (binding.action?.id === existing.id) bindings.delete(bindingId);
    }
  },
  present: presentAction,
  notFound: NOT_FOUND,
  filters: {
    actionName: (item, value) => item.name === value,
    triggerId: (item, value) => (item.supported_triggers ?? []).some((t: Json) => t.id === value),
    deployed: (item, value) => String(item.deployed_version !== undefined) === String(value),
    installed: (item, value) => String(item.installed_integration_id !== undefined) === String(value),
  },
  routes: {
    'post /actions/actions/{id}/deploy': deploy,
    'post /actions/actions/{actionId}/deploy': deploy,
    'get /actions/triggers': (context) => ({
      status: context.operation.successStatus,
      body: {
        triggers: TRIGGERS.map(([id, version]) => ({
          id,
          version,
          status: 'CURRENT',
          runtimes: ['node18-actions', 'node22'],
          default_runtime: 'node22',
          compatible_triggers: [],
          binding_policy: 'trigger-bound',
        })),
      },
    }),
    'get /actions/triggers/{triggerId}/bindings': (context) => {
      const bindings = bindingsOf(context, requireTrigger(context)).map((binding) => {
        const action = context.store.collection(ACTIONS).get(binding.action.id);
        return action ? { ...binding, action: presentAction(context, action) } : binding;
      });
      return listReply(context, bindings);
    },
    // The body is the whole ordered list: it replaces what was bound.
    'patch /actions/triggers/{triggerId}/bindings': (context) => {
      const triggerId = requireTrigger(context);
      const now = context.now().toISOString();
      const next = (context.body?.bindings ?? []).map((update: Json) => {
        const action = findBoundAction(context, update.ref);
        if (!action.deployed_version)
          throw badRequest(`Action ${action.name} must be deployed before it can be bound.`, 'invalid_body');
        if (!(action.supported_triggers ?? []).some((t: Json) => t.id === triggerId)) {
          throw badRequest(
            `Action ${action.name} does not support the trigger ${triggerId}.`,
            'invalid_body',
          );
        }
        return {
          id: context.ids.uuid(),
          trigger_id: triggerId,
          display_name: update.display_name ?? action.name,
          action: presentAction(context, action),
          created_at: now,
          updated_at: now,
        };
      });
      const bindings = context.store.collection(bindingsPath(triggerId));
      bindings.clear();
      for (const binding of next) bindings.set(binding.id, binding);
      context.store.changed();
      return { status: context.operation.successStatus, body: { bindings: next } };
    },
  },
};
