// The one code path from config and tenant to a plan, shared by plan, apply and drift
// (principle 2: plan is apply). It reads the tenant and never writes to it.

import { assertReferences, ConfigError, type LoadedConfig, renamesOf } from '../config/load.ts';
import { markRenames } from '../planner/moved.ts';
import { adapters } from '../resources/index.ts';
import { type CommonOptions, configPaths } from './common-options.ts';
import { loadValidatedConfig, type ValidatedConfigOptions } from './validated-config.ts';
import type { ManagementClient } from '../api/client.ts';
import { type LiveState, readLiveState } from '../resources/live-state.ts';
import type { ResourceAdapter } from '../resources/contract.ts';
import { planChanges, typesInScope } from '../planner/plan.ts';
import type { Plan } from '../planner/model.ts';
import { PlanError } from '../planner/errors.ts';
import { SecretDigestBook } from '../apply/secret-digests.ts';

export interface BuildPlanOptions extends ValidatedConfigOptions {
  api: ManagementClient;
  only?: string[];
  exclude?: string[];
  /** From --allow-delete: 'all', a list of types, or nothing. */
  allowDelete?: string[] | 'all';
  /** From --target: TYPE.KEY addresses; only they and what they reference are planned. */
  targets?: string[];
  /** From --rotate: TYPE.KEY addresses (or `all`) whose write-only secrets are written anyway. */
  rotate?: string[];
  /** Config already loaded and validated (loadValidatedConfig), so it is not read twice. */
  config?: LoadedConfig;
}

export interface BuiltPlan {
  plan: Plan;
  config: LoadedConfig;
  live: LiveState;
  /** The tenant's digests of write-only secrets; apply records what it writes in them. */
  digests: SecretDigestBook;
}

export async function buildPlan(opts: BuildPlanOptions): Promise<BuiltPlan> {
  const config = opts.config ?? loadValidatedConfig(opts);
  const scope = typesInScope(
    opts.adapters.map((a) => a.type),
    opts.only,
    opts.exclude,
  );
  if (scope.problems.length > 0) throw new PlanError(scope.problems);
  const deployerClientId = await opts.api.deployerClientId();
  const byType = new Map(opts.adapters.map((a) => [a.type, a]));
  // Only the types this run plans are read in full; a keyed family reads what config names.
  // A singleton config leaves out is not managed, so no plan mentions it: it is not read.
  const read = new Set(
    [...scope.types].filter((type) => byType.get(type)?.section !== 'singleton' || config.byType.has(type)),
  );
  const named = new Map([...config.byType].map(([type, objects]) => [type, new Set(objects.keys())]));
  const renames = renamesOf(config.settings.moved);
  for (const [type, moves] of renames) for (const from of moves.keys()) named.get(type)?.add(from);
  const [live, digests] = await Promise.all([
    readLiveState(opts.adapters, { api: opts.api, deployerClientId }, { types: read, named, renames }),
    SecretDigestBook.read(opts.api, opts.env),
  ]);
  refuseUnavailable(live, config);
  refuseRenameConflicts(live, config);
  for (const move of live.renamed) digests.alias(`${move.type}.${move.to}`, `${move.type}.${move.from}`);
  const rotate = rotationOf(opts.rotate, config);

  // Objects of types outside this run are not planned, and what they refer to may not have been read.
  const planned = config.objects.filter((o) => scope.types.has(o.type));
  assertReferences(
    { objects: planned, byType: config.byType },
    [...opts.adapters],
    liveKeys(live),
    liveMembers(live, opts.adapters),
  );
  const ambiguous = live.ambiguous.filter((a) => config.byType.get(a.type)?.has(a.key));
  if (ambiguous.length > 0) {
    throw new PlanError(
      ambiguous.map(
        (a) =>
          `the tenant has ${a.ids.length} ${a.type} with the key '${a.key}' (ids ${a.ids.join(', ')}); ` +
          'tenantform matches objects by this key, so rename or delete all but one',
      ),
    );
  }

  const desired = config.objects.map((o) => ({
    type: o.type,
    key: o.key,
    config: byType.get(o.type)!.normaliseDesired(o.config),
  }));
  const allowDelete = opts.allowDelete ?? config.settings.allowDelete ?? [];
  const plan = locatingProblems(config, () =>
    planChanges({
      adapters: opts.adapters,
      desired,
      live: [...live.objects.values()].flatMap((m) => [...m.values()]),
      allowDelete: allowDelete === 'all' ? 'all' : new Set(allowDelete),
      ignore: config.settings.ignore,
      only: opts.only,
      exclude: opts.exclude,
      excludedObjects: config.settings.exclude,
      protectedObjects: config.settings.protect,
      targets: opts.targets,
      digests,
      rotate,
    }),
  );
  return { plan: { ...markRenames(plan, live.renamed), reading: live.reading }, config, live, digests };
}

/** loadValidatedConfig with every adapter and the command line's common options. */

/** The planner's problems with one config object, as config errors at the file and line it is written. */
function locatingProblems<T>(config: LoadedConfig, plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    if (!(error instanceof PlanError) || error.objects.length === 0) throw error;
    if (error.objects.length < error.problems.length) throw error;
    throw new ConfigError(
      error.objects.map((problem) => {
        const object = config.byType.get(problem.type)?.get(problem.key);
        const at = (problem.field && object?.fields.get(problem.field)) ||
          object?.fields.get('') || { file: config.files[0] ?? '', line: 0, column: 0, path: problem.type };
        return { file: at.file, line: at.line, column: at.column, path: at.path, message: problem.message };
      }),
    );
  }
}

/** buildPlan with every adapter and the command line's common options. */
export function buildPlanFromOptions(
  opts: CommonOptions,
  api: ManagementClient,
  config?: LoadedConfig,
): Promise<BuiltPlan> {
  return buildPlan({
    config,
    configPaths: configPaths(opts.config),
    valuesFiles: opts.values,
    env: opts.env,
    adapters,
    api,
    only: opts.only,
    exclude: opts.exclude,
    allowDelete: opts.allowDelete,
    targets: opts.targets,
    rotate: opts.rotate,
  });
}

/** --rotate's addresses; naming an object config does not hold is an error, as with --target. */
function rotationOf(
  rotate: readonly string[] | undefined,
  config: LoadedConfig,
): Set<string> | 'all' | undefined {
  if (!rotate || rotate.length === 0) return undefined;
  if (rotate.includes('all')) return 'all';
  const unknown = rotate.filter((address) => {
    const dot = address.indexOf('.');
    return dot < 0 || !config.byType.get(address.slice(0, dot))?.has(address.slice(dot + 1));
  });
  if (unknown.length > 0) {
    throw new PlanError(
      unknown.map(
        (address) =>
          `--rotate ${address}: no such object in the config (TYPE.KEY, e.g. actions.my-action, or all)`,
      ),
    );
  }
  return new Set(rotate);
}

/** Names defined inside live objects (an API's scopes) that references may point at. */
function liveMembers(
  live: LiveState,
  adapters: readonly ResourceAdapter[],
): Map<string, Map<string, Set<string>>> {
  const members = new Map<string, Map<string, Set<string>>>();
  for (const adapter of adapters) {
    if (!adapter.membersOf) continue;
    const byKey = new Map<string, Set<string>>();
    for (const [key, object] of live.objects.get(adapter.type) ?? [])
      byKey.set(key, new Set(adapter.membersOf(object.config)));
    members.set(adapter.type, byKey);
  }
  return members;
}

function liveKeys(live: LiveState): Map<string, Set<string>> {
  return new Map([...live.objects].map(([type, objects]) => [type, new Set(objects.keys())]));
}

/** A rename whose old and new keys both exist in the tenant: an error at its moved entry. */
function refuseRenameConflicts(live: LiveState, config: LoadedConfig): void {
  const problems = live.renameConflicts.map(({ type, from, to }) => {
    const entry = config.settings.moved?.find((m) => m.type === type && m.from === from);
    return {
      ...(entry?.at ?? { file: config.files[0] ?? '', line: 0, column: 0, path: '' }),
      message:
        `${type}: "${from}" → "${to}": the tenant has both, so this cannot be a rename; ` +
        `remove the entry (or delete one of them in the tenant)`,
    };
  });
  if (problems.length > 0) throw new ConfigError(problems);
}

/** A type config uses that the tenant does not have is an error at the config that uses it. */
function refuseUnavailable(live: LiveState, config: LoadedConfig): void {
  const problems = live.unavailable.flatMap((missing) => {
    const first = config.byType.get(missing.type)?.values().next().value;
    if (!first) return [];
    return [
      {
        ...first.source,
        path: missing.type,
        message:
          `the tenant does not have ${missing.feature}, which ${missing.type} needs (${missing.detail}); ` +
          `remove ${missing.type} from the config or enable the feature for this tenant`,
      },
    ];
  });
  if (problems.length > 0) throw new ConfigError(problems);
}
