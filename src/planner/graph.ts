// The order changes must happen in, from what objects reference (by natural key).
//   - Creating or changing A waits for every change of everything A's desired config
//     references: a grant after its client and its API are created, a trigger's bindings
//     after the update that deploys their action.
//   - A change of a type waits for every change of the types it declares it depends on
//     (email templates after the email provider), though no field refers to them.
//   - Deleting B waits for every change to an object whose live config references B:
//     unbind a trigger before deleting its action, delete a grant before its client.
//   - A replace is one change (delete then create), placed by its create side.

import { DependencyCycleError } from './errors.ts';
import { type Address, addressOf, type Change, type PlannerAdapter } from './model.ts';

export type GraphAdapter = Pick<PlannerAdapter, 'type' | 'references' | 'dependsOnTypes'>;

/**
 * The changes with dependsOn filled in from references, in display order (see orderChanges).
 * Throws DependencyCycleError naming the cycle.
 */
export function linkDependencies(changes: readonly Change[], adapters: readonly GraphAdapter[]): Change[] {
  const adapterOf = new Map(adapters.map((a) => [a.type, a]));
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const waitsFor = new Map<Address, Set<Address>>(changes.map((c) => [c.address, new Set(c.dependsOn)]));
  const addEdge = (from: Address, to: Address) => {
    if (from !== to) waitsFor.get(from)?.add(to);
  };

  for (const change of changes) {
    const adapter = adapterOf.get(change.type);
    if (!adapter) continue;
    if (change.action !== 'delete' && change.desired) {
      for (const ref of adapter.references(change.desired)) {
        const target = byAddress.get(addressOf(ref.type, ref.key));
        if (target && target.action !== 'delete') addEdge(change.address, target.address);
      }
    }
    if (change.action !== 'create' && change.live) {
      for (const ref of adapter.references(change.live)) {
        const target = byAddress.get(addressOf(ref.type, ref.key));
        if (target?.action === 'delete') addEdge(target.address, change.address);
      }
    }
  }

  const byType = new Map<string, Change[]>();
  for (const change of changes) byType.set(change.type, [...(byType.get(change.type) ?? []), change]);
  for (const change of changes) {
    if (change.action === 'delete') continue;
    for (const type of adapterOf.get(change.type)?.dependsOnTypes ?? []) {
      for (const target of byType.get(type) ?? [])
        if (target.action !== 'delete') addEdge(change.address, target.address);
    }
  }

  const linked = changes.map((c) => ({ ...c, dependsOn: [...(waitsFor.get(c.address) ?? [])].sort() }));
  return orderChanges(
    linked,
    adapters.map((a) => a.type),
  );
}

/**
 * A topological order for display and for saved plans: by dependency depth (a change comes
 * after everything it waits for), then by type in the given order, then by key.
 * Throws DependencyCycleError if the changes wait on each other in a ring.
 */
export function orderChanges(changes: readonly Change[], typeOrder: readonly string[] = []): Change[] {
  const cycle = findCycle(changes);
  if (cycle) throw new DependencyCycleError(cycle);

  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const depth = new Map<Address, number>();
  const depthOf = (change: Change): number => {
    const known = depth.get(change.address);
    if (known !== undefined) return known;
    let d = 0;
    for (const dep of change.dependsOn) {
      const target = byAddress.get(dep);
      if (target) d = Math.max(d, depthOf(target) + 1);
    }
    depth.set(change.address, d);
    return d;
  };
  const rank = (type: string) => {
    const i = typeOrder.indexOf(type);
    return i === -1 ? typeOrder.length : i;
  };
  return [...changes].sort(
    (a, b) =>
      depthOf(a) - depthOf(b) ||
      rank(a.type) - rank(b.type) ||
      compareText(a.type, b.type) ||
      compareText(a.key, b.key),
  );
}

/** The first cycle found along dependsOn, as addresses with the first repeated last; undefined if none. */
export function findCycle(changes: readonly Change[]): Address[] | undefined {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const state = new Map<Address, 'visiting' | 'done'>();
  const stack: Address[] = [];

  const visit = (address: Address): Address[] | undefined => {
    state.set(address, 'visiting');
    stack.push(address);
    for (const dep of [...(byAddress.get(address)?.dependsOn ?? [])].sort()) {
      if (!byAddress.has(dep)) continue;
      if (state.get(dep) === 'visiting') return [...stack.slice(stack.indexOf(dep)), dep];
      if (!state.has(dep)) {
        const found = visit(dep);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(address, 'done');
    return undefined;
  };

  for (const address of [...byAddress.keys()].sort()) {
    if (state.has(address)) continue;
    const found = visit(address);
    if (found) return found;
  }
  return undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
