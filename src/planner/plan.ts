// desired × live → the plan. The one place that decides what apply will do; it knows no
// resource type, everything type-specific comes from the adapters.

import { type ConfigObject, isPlainObject } from '../core/json.ts';
import {
  forEachMatch,
  hasValueAt,
  parsePattern,
  type PathSegment,
  removeAt,
  valueAt,
} from '../core/field-paths.ts';
import { withDefaults } from '../core/defaults.ts';
import type { DesiredObject, LiveObject } from '../core/objects.ts';
import { changedTopLevelFields, diffObject, fieldsOfNewObject } from './diff.ts';
import { type ObjectProblem, PlanError } from './errors.ts';
import { fingerprintOf } from './fingerprint.ts';
import { linkDependencies } from './graph.ts';
import {
  SECRET_WRITE,
  secretWriteField,
  statusOf,
  type WriteOnlyDigests,
  writeOnlySlots,
} from './write-only.ts';
import {
  type Address,
  addressOf,
  type Change,
  type FieldChange,
  type Plan,
  type PlannerAdapter,
} from './model.ts';

export interface PlanInput {
  /** Every known type, in the order plans list them when dependencies leave a choice. */
  adapters: readonly PlannerAdapter[];
  desired: readonly DesiredObject[];
  live: readonly LiveObject[];
  /** Types whose unmanaged objects are deleted (besides those with deleteByDefault). */
  allowDelete?: ReadonlySet<string> | 'all';
  /** `ignore:` paths per type. */
  ignore?: Readonly<Record<string, readonly string[]>>;
  /** --only / --exclude: objects of other types are neither planned nor counted. */
  only?: readonly string[];
  exclude?: readonly string[];
  /** `tenantform.exclude`: keys per type of objects left out on both sides. */
  excludedObjects?: Readonly<Record<string, readonly string[]>>;
  /** `tenantform.protect`: keys per type of objects no plan deletes or replaces. */
  protectedObjects?: Readonly<Record<string, readonly string[]>>;
  /** --target: only these objects and what they reference (transitively) are planned. */
  targets?: readonly Address[];
  /** The tenant's digests of write-only secrets; without them every such secret is untracked. */
  digests?: WriteOnlyDigests;
  /** --rotate: objects whose write-only secrets are written whatever their digests say. */
  rotate?: ReadonlySet<Address> | 'all';
}

/** What deciding on write-only secrets needs, per plan. */
interface SecretsInput {
  digests?: WriteOnlyDigests;
  rotates(address: Address): boolean;
}

export function planChanges(input: PlanInput): Plan {
  const adapters = new Map(input.adapters.map((a) => [a.type, a]));
  const scope = typesInScope([...adapters.keys()], input.only, input.exclude);
  const problems: string[] = [...scope.problems];
  const objectProblems: ObjectProblem[] = [];
  const inScope = scope.types;

  const excluded = addressSet(input.excludedObjects);
  const kept = <T extends { type: string; key: string }>(objects: readonly T[]) =>
    objects.filter((o) => !excluded.has(addressOf(o.type, o.key)));
  const desired = indexByAddress(kept(input.desired), adapters, problems, 'config');
  const live = indexByAddress(kept(input.live), adapters, problems, 'tenant');
  const protectedAddresses = addressSet(input.protectedObjects);

  const changes: Change[] = [];
  const unchanged: Record<string, number> = {};
  const unmanaged: Plan['unmanaged'] = [];
  const rotate = input.rotate;
  const secrets: SecretsInput = {
    digests: input.digests,
    rotates: (address) => rotate === 'all' || rotate?.has(address) === true,
  };

  for (const [address, want] of desired) {
    if (!inScope.has(want.type)) continue;
    const adapter = adapters.get(want.type) as PlannerAdapter;
    const have = live.get(address);
    if (!have) {
      changes.push(createChange(want, adapter));
    } else if (have.system) {
      const outcome = systemObjectChange(want, have, adapter, input.ignore?.[want.type] ?? []);
      if (outcome && 'message' in outcome)
        objectProblems.push({ type: want.type, key: want.key, ...outcome });
      else if (outcome) changes.push(outcome);
      else unchanged[want.type] = (unchanged[want.type] ?? 0) + 1;
    } else {
      const change = changeOf(want, have, adapter, input.ignore?.[want.type] ?? [], secrets);
      if (change) changes.push(change);
      else unchanged[want.type] = (unchanged[want.type] ?? 0) + 1;
    }
  }

  reconnectToReplaced(changes, desired, live, adapters, unchanged, input.ignore ?? {}, secrets);
  reapplyAfterReset(changes, desired, live, adapters, inScope, unchanged, input.ignore ?? {});

  for (const [address, have] of live) {
    if (!inScope.has(have.type) || have.system || desired.has(address)) continue;
    const adapter = adapters.get(have.type) as PlannerAdapter;
    // A singleton (tenant settings) always exists: left out of config, it is simply not managed.
    if (adapter.section === 'singleton') continue;
    if (deletionAllowed(adapter, input.allowDelete) && !protectedAddresses.has(address))
      changes.push(deleteChange(have));
    else unmanaged.push({ type: have.type, key: have.key });
  }
  for (const change of changes) {
    if (change.action === 'replace' && protectedAddresses.has(change.address)) {
      problems.push(
        `${change.address} is protected (tenantform.protect), and this plan would replace it ` +
          `(${change.replaceReason?.join(', ')} cannot be changed in place): keep those fields as the tenant has them`,
      );
    }
  }

  checkReferences(adapters, inScope, desired, live, changes, problems);
  const targeted = input.targets?.length
    ? targetClosure(input.targets, adapters, desired, live, problems)
    : undefined;
  if (problems.length > 0 || objectProblems.length > 0) throw new PlanError(problems, objectProblems);

  const planned = targeted ? changes.filter((c) => targeted.has(c.address)) : changes;
  for (const change of planned)
    listSecretWrites(change, adapters.get(change.type) as PlannerAdapter, secrets);
  const untrackedSecrets = untrackedWriteOnly(desired, live, adapters, planned, secrets, (address) =>
    Boolean(inScope.has(desired.get(address)?.type ?? '') && (!targeted || targeted.has(address))),
  );
  return {
    changes: linkDependencies(planned, input.adapters),
    ...(untrackedSecrets.length > 0 && { untrackedSecrets }),
    unchanged: targeted ? unchangedWithin(targeted, desired, live, planned) : unchanged,
    unmanaged: unmanaged
      .filter((u) => !targeted || targeted.has(addressOf(u.type, u.key)))
      .sort((a, b) => compareText(a.type, b.type) || compareText(a.key, b.key)),
    warnings: [
      ...sameTypeDeleteAndCreate(planned, adapters),
      ...(targeted
        ? [
            `Only the --target objects and what they reference were planned (${planned.length} of ` +
              `${changes.length} changes); a plan without --target may show more.`,
          ]
        : []),
    ],
  };
}

function addressSet(keys: Readonly<Record<string, readonly string[]>> | undefined): Set<Address> {
  return new Set(
    Object.entries(keys ?? {}).flatMap(([type, list]) => list.map((key) => addressOf(type, key))),
  );
}

/** The targets and, transitively, every object their desired config references. */
function targetClosure(
  targets: readonly Address[],
  adapters: Map<string, PlannerAdapter>,
  desired: Map<Address, DesiredObject>,
  live: Map<Address, LiveObject>,
  problems: string[],
): Set<Address> {
  const closure = new Set<Address>();
  const visit = (address: Address) => {
    if (closure.has(address)) return;
    closure.add(address);
    const want = desired.get(address);
    if (!want) return;
    for (const ref of (adapters.get(want.type) as PlannerAdapter).references(want.config))
      visit(addressOf(ref.type, ref.key));
  };
  for (const target of targets) {
    if (!desired.has(target) && !live.has(target)) {
      problems.push(
        `--target ${target}: no such object in the config or the tenant (TYPE.KEY, e.g. clients.My App)`,
      );
    } else visit(target);
  }
  return closure;
}

function unchangedWithin(
  closure: Set<Address>,
  desired: Map<Address, DesiredObject>,
  live: Map<Address, LiveObject>,
  changes: readonly Change[],
): Record<string, number> {
  const changed = new Set(changes.map((c) => c.address));
  const counts: Record<string, number> = {};
  for (const address of closure) {
    const want = desired.get(address);
    if (want && live.has(address) && !changed.has(address)) counts[want.type] = (counts[want.type] ?? 0) + 1;
  }
  return counts;
}

/**
 * A delete and a create of the same type in one plan is often a rename: the new object gets
 * a new id, and whatever used the old one (an app using a client_id) breaks.
 */
function sameTypeDeleteAndCreate(
  changes: readonly Change[],
  adapters: ReadonlyMap<string, PlannerAdapter>,
): string[] {
  const keys = (type: string, action: Change['action']) =>
    changes.filter((c) => c.type === type && c.action === action).map((c) => `'${c.key}'`);
  const types = [...new Set(changes.filter((c) => c.action === 'delete').map((c) => c.type))];
  return types.flatMap((type) => {
    const created = keys(type, 'create');
    if (created.length === 0) return [];
    const deleted = keys(type, 'delete');
    const example = `${deleted.length === 1 && created.length === 1 ? deleted[0] : "'Old key'"}: ${created.length === 1 ? created[0] : "'New key'"}`;
    const warning =
      `This plan deletes ${type} ${deleted.join(', ')} and creates ${created.join(', ')}: ` +
      'if that is a rename, the new object gets a new id and what used the old one breaks.';
    return [
      adapters.get(type)?.renamable
        ? `${warning} To rename it in place instead, declare it in config: tenantform: { moved: { ${type}: { ${example} } } }`
        : warning,
    ];
  });
}

/**
 * The types a run covers, from --only and --exclude (none given: every type), with a
 * problem for each type they name that does not exist.
 */
export function typesInScope(
  known: readonly string[],
  only: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
): { types: Set<string>; problems: string[] } {
  const problems: string[] = [];
  for (const [flag, types] of [
    ['--only', only],
    ['--exclude', exclude],
  ] as const) {
    for (const type of types ?? []) {
      if (!known.includes(type))
        problems.push(`Unknown resource type in ${flag}: ${type} (known: ${known.join(', ')})`);
    }
  }
  const onlySet = only && only.length > 0 ? new Set(only) : undefined;
  const excluded = new Set(exclude ?? []);
  return {
    types: new Set(known.filter((type) => (!onlySet || onlySet.has(type)) && !excluded.has(type))),
    problems,
  };
}

function indexByAddress<T extends { type: string; key: string }>(
  objects: readonly T[],
  adapters: Map<string, PlannerAdapter>,
  problems: string[],
  where: string,
): Map<Address, T> {
  const index = new Map<Address, T>();
  for (const object of objects) {
    const address = addressOf(object.type, object.key);
    if (!adapters.has(object.type)) problems.push(`Unknown resource type in the ${where}: ${object.type}`);
    else if (index.has(address)) problems.push(`${address} appears twice in the ${where}`);
    else index.set(address, object);
  }
  return index;
}

function deletionAllowed(adapter: PlannerAdapter, allowDelete: PlanInput['allowDelete']): boolean {
  return allowDelete === 'all' || allowDelete?.has(adapter.type) === true || adapter.deleteByDefault === true;
}

function createChange(want: DesiredObject, adapter: PlannerAdapter): Change {
  return {
    address: addressOf(want.type, want.key),
    type: want.type,
    key: want.key,
    action: 'create',
    fields: fieldsOfNewObject(withoutConvergenceFields(want.config, adapter), adapter.secretPaths),
    changed: Object.keys(want.config),
    desired: want.config,
    dependsOn: [],
  };
}

function withoutConvergenceFields(config: ConfigObject, adapter: PlannerAdapter): ConfigObject {
  const hidden = adapter.convergenceFields ?? [];
  return hidden.length === 0
    ? config
    : Object.fromEntries(Object.entries(config).filter(([k]) => !hidden.includes(k)));
}

function changeOf(
  want: DesiredObject,
  have: LiveObject,
  adapter: PlannerAdapter,
  ignore: readonly string[],
  secrets?: SecretsInput,
): Change | undefined {
  // A field config leaves out is compared with the server's default for it, so that drift
  // of a defaulted field shows (and an export, which leaves defaults out, misses nothing);
  // a field the tenant does not return has its default value there too.
  const fields = withElementKeys(
    diffObject(withServerDefaults(want.config, adapter), withServerDefaults(have.config, adapter), {
      secretPaths: adapter.secretPaths,
      ignore,
      exact: adapter.compare === 'exact',
    }),
    adapter,
  );
  if (secrets) fields.push(...writeOnlyWrites(want, have, adapter, secrets));
  if (fields.length === 0) return undefined;
  const differing = changedTopLevelFields(fields);
  const immutable = differing.filter((field) => adapter.immutableFields.includes(field));
  const common = {
    address: addressOf(want.type, want.key),
    type: want.type,
    key: want.key,
    id: have.id,
    fields,
    live: have.config,
    dependsOn: [],
    fingerprint: fingerprintOf(have.raw),
  };
  if (immutable.length > 0) {
    // A replace creates the object anew: everything desired is sent, ignored paths included.
    return {
      ...common,
      action: 'replace',
      changed: Object.keys(want.config),
      desired: want.config,
      replaceReason: immutable,
    };
  }
  return {
    ...common,
    action: 'update',
    changed: differing,
    desired: desiredForUpdate(adapter, want.config, have.config, ignore),
  };
}

/**
 * The write-only secrets of an existing object that must be written though the diff cannot
 * see them: those whose value differs from the digest of what tenantform last wrote, and
 * every one of an object named by --rotate.
 */
function writeOnlyWrites(
  want: DesiredObject,
  have: LiveObject,
  adapter: PlannerAdapter,
  secrets: SecretsInput,
): FieldChange[] {
  const address = addressOf(want.type, want.key);
  const rotating = secrets.rotates(address);
  // Where the tenant does return the value (some reads do), the diff has compared it already.
  const unseen = writeOnlySlots(want.config, adapter).filter((slot) => !hasValueAt(have.config, slot.path));
  return unseen.flatMap((slot) => {
    if (rotating) return [secretWriteField(slot, SECRET_WRITE.rotated)];
    const status = secrets.digests ? statusOf(address, slot, secrets.digests) : 'untracked';
    if (status === 'changed') return [secretWriteField(slot, SECRET_WRITE.changed)];
    // Nothing of the type can be read, so nothing can have been on-boarded: config decides.
    if (status === 'untracked' && adapter.unreadable)
      return [secretWriteField(slot, SECRET_WRITE.firstWrite)];
    return [];
  });
}

/**
 * Every secret an update sends appears in its plan: one the diff did not list rides along
 * because its parent field is sent whole (a connection's options, an email provider's
 * credentials), and is listed as sent again.
 */
function listSecretWrites(change: Change, adapter: PlannerAdapter, secrets: SecretsInput): void {
  if (change.action !== 'update' || !change.desired) return;
  const sent = new Set(change.changed);
  const listed = change.fields.map((f) => parsePattern(f.path));
  const covered = (path: readonly PathSegment[]) =>
    listed.some((l) => l.length <= path.length && l.every((s, i) => s === String(path[i])));
  const writeOnly = new Map(
    writeOnlySlots(change.desired, adapter).map((slot) => [slot.path.join('.'), slot] as const),
  );
  const added = new Set<string>();
  for (const pattern of adapter.secretPaths) {
    forEachMatch(change.desired, parsePattern(pattern), (_container, _key, path) => {
      const dotted = path.join('.');
      if (!sent.has(String(path[0])) || covered(path) || added.has(dotted)) return;
      if (valueAt(change.desired, path) === undefined || isPlainObject(valueAt(change.desired, path))) return;
      added.add(dotted);
      const slot = writeOnly.get(dotted);
      const untracked =
        slot !== undefined &&
        !hasValueAt(change.live, path) &&
        (!secrets.digests || statusOf(change.address, slot, secrets.digests) === 'untracked');
      change.fields.push(
        secretWriteField(
          slot ?? { path, slot: dotted },
          untracked ? SECRET_WRITE.untrackedResent : SECRET_WRITE.resent,
        ),
      );
    });
  }
}

/**
 * Write-only secrets of existing objects that have no digest and that this plan does not
 * write: reported, so a user who changed one knows it will not reach the tenant unasked.
 */
function untrackedWriteOnly(
  desired: Map<Address, DesiredObject>,
  live: Map<Address, LiveObject>,
  adapters: Map<string, PlannerAdapter>,
  changes: readonly Change[],
  secrets: SecretsInput,
  planned: (address: Address) => boolean,
): { address: Address; field: string }[] {
  const writing = new Map(changes.map((c) => [c.address, c]));
  const untracked: { address: Address; field: string }[] = [];
  for (const [address, want] of desired) {
    const have = live.get(address);
    if (!have || have.system || !planned(address) || adapters.get(want.type)?.unreadable) continue;
    const change = writing.get(address);
    if (change && change.action !== 'update') continue;
    for (const slot of writeOnlySlots(want.config, adapters.get(want.type) as PlannerAdapter)) {
      if (change?.changed.includes(String(slot.path[0])) || hasValueAt(have.config, slot.path)) continue;
      if (secrets.digests && statusOf(address, slot, secrets.digests) !== 'untracked') continue;
      untracked.push({ address, field: slot.slot });
    }
  }
  return untracked;
}

/**
 * A system object named in config: an update of the fields its type lets tenantform change
 * (said so in the plan), or a problem naming the fields it does not. Nothing else of it is
 * compared, its defaults included: its scopes, say, are the tenant's.
 */
function systemObjectChange(
  want: DesiredObject,
  have: LiveObject,
  adapter: PlannerAdapter,
  ignore: readonly string[],
): Change | Omit<ObjectProblem, 'type' | 'key'> | undefined {
  const address = addressOf(want.type, want.key);
  const editable = adapter.systemEditable ?? [];
  const identifying = new Set([...(adapter.keyFields ?? []), ...(adapter.convergenceFields ?? [])]);
  const refused = Object.keys(want.config).filter((f) => !editable.includes(f) && !identifying.has(f));
  if (editable.length === 0 || refused.length > 0) {
    return {
      ...(editable.length > 0 && { field: refused[0] }),
      message:
        `${address} is a system object of the tenant (tenantform never deletes it` +
        (editable.length === 0
          ? ', nor changes it): remove it from the config'
          : `, and changes only ${editable.join(', ')}): remove ${refused.join(', ')} from its config`),
    };
  }
  const pick = (config: ConfigObject) =>
    Object.fromEntries(Object.entries(config).filter(([k]) => editable.includes(k))) as ConfigObject;
  const limited: PlannerAdapter = {
    ...adapter,
    defaultsOf: adapter.defaultsOf ? (config) => pick(adapter.defaultsOf!(config)) : undefined,
  };
  const change = changeOf({ ...want, config: pick(want.config) }, have, limited, ignore);
  if (!change) return undefined;
  if (change.action === 'replace')
    return { message: `${address} is a system object of the tenant: it cannot be replaced` };
  return { ...change, note: `a system object: only ${editable.join(', ')} are managed` };
}

/**
 * What an update sends, from the desired config: server defaults filled in for fields config
 * leaves out, and ignored paths as the tenant has them. Shared with saved plans, which
 * rebuild it at apply time.
 */
export function desiredForUpdate(
  adapter: PlannerAdapter,
  desired: ConfigObject,
  live: ConfigObject,
  ignore: readonly string[],
): ConfigObject {
  return keepIgnoredAsLive(withServerDefaults(desired, adapter), live, ignore);
}

function withServerDefaults(config: ConfigObject, adapter: PlannerAdapter): ConfigObject {
  return adapter.defaultsOf ? withDefaults(config, adapter.defaultsOf(config)) : config;
}

/** Each field change knows which fields identify the elements of the arrays it holds. */
function withElementKeys(fields: FieldChange[], adapter: PlannerAdapter): FieldChange[] {
  const declared = Object.entries(adapter.elementKeys ?? {});
  if (declared.length === 0) return fields;
  return fields.map((field) => {
    const top = field.path.split('.')[0];
    const keys = declared.filter(([path]) => path.split('.')[0] === top).map(([, k]) => k);
    return keys.length > 0 ? { ...field, elementKeys: keys } : field;
  });
}

/**
 * Objects a write of another type resets (the prompts settings after a branding PATCH):
 * config the tenant matches now will not match after that write, so the object is written
 * again after it (the graph orders it after, through dependsOnTypes).
 */
function reapplyAfterReset(
  changes: Change[],
  desired: Map<Address, DesiredObject>,
  live: Map<Address, LiveObject>,
  adapters: Map<string, PlannerAdapter>,
  inScope: ReadonlySet<string>,
  unchanged: Record<string, number>,
  ignore: Readonly<Record<string, readonly string[]>>,
): void {
  const writing = new Set(changes.filter((c) => c.action !== 'delete').map((c) => c.type));
  const planned = new Set(changes.map((c) => c.address));
  for (const [address, want] of desired) {
    const adapter = adapters.get(want.type) as PlannerAdapter;
    const by = (adapter.resetByTypes ?? []).filter((type) => writing.has(type));
    const have = live.get(address);
    if (by.length === 0 || !inScope.has(want.type) || !have || have.system || planned.has(address)) continue;
    changes.push({
      address,
      type: want.type,
      key: want.key,
      action: 'update',
      id: have.id,
      fields: [],
      changed: Object.keys(want.config),
      desired: desiredForUpdate(adapter, want.config, have.config, ignore[want.type] ?? []),
      live: have.config,
      dependsOn: [],
      fingerprint: fingerprintOf(have.raw),
      note: `written again: a change of ${by.join(', ')} resets it`,
    });
    unchanged[want.type] = (unchanged[want.type] ?? 1) - 1;
    if (unchanged[want.type] === 0) delete unchanged[want.type];
  }
}

/**
 * A replace gives an object a new id, and the tenant drops what referred to the old one by
 * id: a reference held in a list element (an organization's enabled connection) vanishes
 * with its element, an object whose own top-level field held it (a grant's client) goes
 * with it. Objects that keep referring to the replaced one in config are planned as if
 * that had already happened, so the same apply restores them and the next plan is empty.
 */
function reconnectToReplaced(
  changes: Change[],
  desired: Map<Address, DesiredObject>,
  live: Map<Address, LiveObject>,
  adapters: Map<string, PlannerAdapter>,
  unchanged: Record<string, number>,
  ignore: Readonly<Record<string, readonly string[]>>,
  secrets: SecretsInput,
): void {
  const replaced = new Set(changes.filter((c) => c.action === 'replace').map((c) => c.address));
  if (replaced.size === 0) return;
  const changeAt = new Map(changes.map((c, i) => [c.address, i]));
  for (const [address, want] of desired) {
    const have = live.get(address);
    const index = changeAt.get(address);
    if (!have || have.system || (index !== undefined && changes[index]!.action !== 'update')) continue;
    const adapter = adapters.get(want.type) as PlannerAdapter;
    const broken = adapter
      .references(have.config)
      .filter((ref) => replaced.has(addressOf(ref.type, ref.key)))
      .map((ref) => parsePattern(ref.path).map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
    if (broken.length === 0) continue;

    let change: Change | undefined;
    if (broken.some((path) => !path.some((s) => typeof s === 'number'))) {
      change = createChange(want, adapter);
    } else {
      const survivor = withoutListElements(have.config, broken);
      change = changeOf(want, { ...have, config: survivor }, adapter, ignore[want.type] ?? [], secrets);
    }
    if (!change) continue;
    if (index === undefined) {
      changes.push(change);
      unchanged[want.type] = (unchanged[want.type] ?? 1) - 1;
      if (unchanged[want.type] === 0) delete unchanged[want.type];
    } else {
      changes[index] = change;
    }
  }
}

/** A copy of config without the list elements that hold the given paths. */
function withoutListElements(config: ConfigObject, paths: readonly PathSegment[][]): ConfigObject {
  const copy = structuredClone(config);
  const unique = new Map(
    paths.map((path) => {
      const element = path.slice(0, path.findIndex((s) => typeof s === 'number') + 1);
      return [element.join('.'), element] as const;
    }),
  );
  const elements = [...unique.values()];
  // Highest indices first, so removing one never shifts another still to remove.
  elements.sort((a, b) => (b[b.length - 1] as number) - (a[a.length - 1] as number));
  for (const element of elements) {
    const list = valueAt(copy, element.slice(0, -1));
    if (Array.isArray(list)) list.splice(element[element.length - 1] as number, 1);
  }
  return copy;
}

function deleteChange(have: LiveObject): Change {
  return {
    address: addressOf(have.type, have.key),
    type: have.type,
    key: have.key,
    action: 'delete',
    id: have.id,
    fields: [],
    changed: [],
    live: have.config,
    dependsOn: [],
    fingerprint: fingerprintOf(have.raw),
  };
}

/**
 * The desired config an update sends, with ignored paths never sent: an ignored top-level
 * field is dropped, an ignored nested field takes the live value, so sending its parent
 * object (APIs replace nested objects whole) leaves it as the tenant has it.
 */
export function keepIgnoredAsLive(
  desired: ConfigObject,
  live: ConfigObject,
  ignore: readonly string[],
): ConfigObject {
  if (ignore.length === 0) return desired;
  const sent = structuredClone(desired);
  for (const pattern of ignore.map(parsePattern)) {
    forEachMatch(sent, pattern, removeAt);
    if (pattern.length < 2) continue;
    forEachMatch(live, pattern, (_container, key, path) => {
      const parent = valueAt(sent, path.slice(0, -1) as PathSegment[]);
      const liveValue = structuredClone(valueAt(live, path));
      if (Array.isArray(parent) && typeof key === 'number') parent[key] = liveValue;
      else if (isPlainObject(parent)) parent[String(key)] = liveValue;
    });
  }
  return sent;
}

/**
 * References the plan itself would break: a desired object pointing at one this plan
 * deletes, or at one that only --only/--exclude keeps from being created.
 */
function checkReferences(
  adapters: Map<string, PlannerAdapter>,
  inScope: Set<string>,
  desired: Map<Address, DesiredObject>,
  live: Map<Address, LiveObject>,
  changes: readonly Change[],
  problems: string[],
): void {
  const deleted = new Set(changes.filter((c) => c.action === 'delete').map((c) => c.address));
  for (const want of desired.values()) {
    if (!inScope.has(want.type)) continue;
    const from = addressOf(want.type, want.key);
    for (const ref of (adapters.get(want.type) as PlannerAdapter).references(want.config)) {
      const target = addressOf(ref.type, ref.key);
      if (deleted.has(target)) {
        problems.push(`${from} (${ref.path}) references ${target}, which this plan deletes`);
      } else if (!inScope.has(ref.type) && !live.has(target) && desired.has(target)) {
        problems.push(
          `${from} (${ref.path}) references ${target}, which does not exist yet and is outside this run's types (--only/--exclude)`,
        );
      }
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
