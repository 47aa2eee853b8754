import { describe, expect, it } from 'vitest';
import { DependencyCycleError } from '../src/planner/errors.ts';
import { linkDependencies } from '../src/planner/graph.ts';
import type { Change } from '../src/planner/model.ts';
import { planChanges } from '../src/planner/plan.ts';
import type { PlannerAdapter } from '../src/planner/model.ts';
import { adapters, have, want } from './planner-fakes.ts';

const order = (changes: Change[]) => changes.map((c) => `${c.action} ${c.address}`);
/** Every dependency of the plan as a `from` waits for `to` edge. */
const dependencyEdges = (changes: Change[]) =>
  changes.flatMap((c) => c.dependsOn.map((to) => ({ from: c.address, to })));

describe('dependency graph', () => {
  it('creates a grant after its client and API, and lists by depth, then type, then key', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('client_grants', 'B/api', { client: 'B', audience: 'api' }),
        want('clients', 'B', { name: 'B' }),
        want('clients', 'A', { name: 'A' }),
        want('resource_servers', 'api', { identifier: 'api' }),
      ],
      live: [have('clients', 'A', { name: 'A', logo: 'x' })],
    });
    expect(order(plan.changes)).toEqual([
      'create clients.B',
      'create resource_servers.api',
      'create client_grants.B/api',
    ]);
    expect(plan.changes[2]!.dependsOn).toEqual(['clients.B', 'resource_servers.api']);
    expect(dependencyEdges(plan.changes)).toEqual([
      { from: 'client_grants.B/api', to: 'clients.B' },
      { from: 'client_grants.B/api', to: 'resource_servers.api' },
    ]);
  });

  it('waits for every change of what it references, updates too; not for what does not change', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('client_grants', 'A/api', { client: 'A', audience: 'api' }),
        want('clients', 'A', { name: 'A', logo: 'new' }),
        want('triggers', 'post-login', { bindings: ['a1'] }),
        want('actions', 'a1', { name: 'a1', code: 'new' }),
      ],
      live: [
        have('clients', 'A', { name: 'A', logo: 'old' }),
        have('resource_servers', 'api', { identifier: 'api' }),
        have('actions', 'a1', { name: 'a1', code: 'old' }),
      ],
    });
    const dependsOn = Object.fromEntries(plan.changes.map((c) => [c.address, c.dependsOn]));
    // The grant is created after the update of its client; the API it names is unchanged.
    expect(dependsOn['client_grants.A/api']).toEqual(['clients.A']);
    // Bindings wait for the update that deploys their action (seen failing after an interrupted apply).
    expect(dependsOn['triggers.post-login']).toEqual(['actions.a1']);
    expect(dependsOn['clients.A']).toEqual([]);
  });

  it('a type waits for every change of the types it declares it depends on', () => {
    const provider = { type: 'email_provider', references: () => [], immutableFields: [], secretPaths: [] };
    const templates = { ...provider, type: 'email_templates', dependsOnTypes: ['email_provider'] };
    const plan = planChanges({
      adapters: [provider, templates],
      desired: [
        want('email_templates', 'welcome', { body: 'x' }),
        want('email_provider', 'default', { name: 'smtp' }),
      ],
      live: [],
    });
    const template = plan.changes.find((c) => c.type === 'email_templates');
    expect(template?.dependsOn).toEqual(['email_provider.default']);
  });

  it('deletes in reverse: a grant before its client, an unbind before its action', () => {
    const plan = planChanges({
      adapters,
      desired: [want('triggers', 'post-login', { bindings: [] })],
      live: [
        have('clients', 'A', { name: 'A' }),
        have('client_grants', 'A/api', { client: 'A', audience: 'api' }),
        have('resource_servers', 'api', { identifier: 'api' }, true),
        have('actions', 'old', { name: 'old' }),
        have('triggers', 'post-login', { bindings: ['old'] }),
      ],
      allowDelete: 'all',
    });
    expect(order(plan.changes)).toEqual([
      'delete client_grants.A/api',
      'update triggers.post-login',
      'delete clients.A',
      'delete actions.old',
    ]);
    const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
    expect(byAddress.get('clients.A')!.dependsOn).toEqual(['client_grants.A/api']);
    expect(byAddress.get('actions.old')!.dependsOn).toEqual(['triggers.post-login']);
  });

  it('makes a replace wait for what it references, and dependants wait for the replace', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('resource_servers', 'api2', { identifier: 'api2' }),
        want('client_grants', 'A/api2', { client: 'A', audience: 'api2', scope: ['x'] }),
      ],
      live: [
        have('clients', 'A', { name: 'A' }),
        have('resource_servers', 'api2', { identifier: 'api2', signing_alg_frozen: 'x' }),
      ],
    });
    expect(order(plan.changes)).toEqual(['create client_grants.A/api2']);
    const replaced = planChanges({
      adapters,
      desired: [
        want('resource_servers', 'api2', { identifier: 'api2', signing_alg_frozen: 'RS256' }),
        want('client_grants', 'A/api2', { client: 'A', audience: 'api2' }),
      ],
      live: [
        have('clients', 'A', { name: 'A' }),
        have('resource_servers', 'api2', { identifier: 'api2', signing_alg_frozen: 'HS256' }),
      ],
    });
    expect(order(replaced.changes)).toEqual(['replace resource_servers.api2', 'create client_grants.A/api2']);
    expect(replaced.changes[1]!.dependsOn).toEqual(['resource_servers.api2']);
  });

  it('rejects a cycle and names it', () => {
    const clientsReferencingGrants: PlannerAdapter = {
      ...adapters[0]!,
      references: (c) => (c.grant ? [{ type: 'client_grants', key: c.grant as string, path: 'grant' }] : []),
    };
    const run = () =>
      planChanges({
        adapters: [clientsReferencingGrants, ...adapters.slice(1)],
        desired: [
          want('clients', 'A', { name: 'A', grant: 'A/api' }),
          want('client_grants', 'A/api', { client: 'A' }),
        ],
        live: [],
      });
    expect(run).toThrow(DependencyCycleError);
    expect(run).toThrow('Dependency cycle: client_grants.A/api → clients.A → client_grants.A/api');
  });

  it('keeps dependencies already present on the changes', () => {
    const base = { fields: [], changed: [], dependsOn: [] as string[] };
    const linked = linkDependencies(
      [
        {
          ...base,
          address: 'clients.B',
          type: 'clients',
          key: 'B',
          action: 'create',
          dependsOn: ['clients.A'],
        },
        { ...base, address: 'clients.A', type: 'clients', key: 'A', action: 'create' },
      ],
      adapters,
    );
    expect(linked.map((c) => c.address)).toEqual(['clients.A', 'clients.B']);
  });
});
