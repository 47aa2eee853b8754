import { describe, expect, it } from 'vitest';
import { PlanError } from '../src/planner/errors.ts';
import { fingerprintOf } from '../src/planner/fingerprint.ts';
import { summarise } from '../src/planner/model.ts';
import { planChanges } from '../src/planner/plan.ts';
import { adapters, have, want } from './planner-fakes.ts';

describe('planChanges', () => {
  it('creates, updates, leaves alone and counts', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('clients', 'New', { name: 'New', client_secret: 'abc123' }),
        want('clients', 'Same', { name: 'Same' }),
        want('clients', 'Changed', { name: 'Changed', callbacks: ['b'] }),
      ],
      live: [
        have('clients', 'Same', { name: 'Same', server_default: true }),
        have('clients', 'Changed', { name: 'Changed', callbacks: ['a'] }),
        have('clients', 'Stray', { name: 'Stray' }),
      ],
    });
    expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
      ['clients.Changed', 'update'],
      ['clients.New', 'create'],
    ]);
    const update = plan.changes[0]!;
    expect(update.changed).toEqual(['callbacks']);
    expect(update.id).toBe('id-clients-Changed');
    expect(update.fingerprint).toBe(
      fingerprintOf({ id: 'id-clients-Changed', name: 'Changed', callbacks: ['a'] }),
    );
    const create = plan.changes[1]!;
    expect(create.changed).toEqual(['name', 'client_secret']);
    expect(create.desired).toEqual({ name: 'New', client_secret: 'abc123' });
    expect(JSON.stringify(create.fields)).not.toContain('abc123');
    expect(plan.unchanged).toEqual({ clients: 1 });
    expect(plan.unmanaged).toEqual([{ type: 'clients', key: 'Stray' }]);
    expect(summarise(plan)).toEqual({
      create: 1,
      update: 1,
      replace: 0,
      delete: 0,
      unchanged: 1,
      unmanaged: 1,
    });
  });

  it('replaces when an immutable field differs, naming it', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('resource_servers', 'api', { identifier: 'api', name: 'API', signing_alg_frozen: 'RS256' }),
      ],
      live: [
        have('resource_servers', 'api', { identifier: 'api', name: 'Old', signing_alg_frozen: 'HS256' }),
      ],
    });
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({
      action: 'replace',
      replaceReason: ['signing_alg_frozen'],
      changed: ['identifier', 'name', 'signing_alg_frozen'],
    });
    expect(plan.changes[0]!.fields.map((f) => f.path)).toEqual(['name', 'signing_alg_frozen']);
  });

  it('deletes unmanaged objects only where deletion is allowed', () => {
    const live = [have('clients', 'Stray', { name: 'Stray' }), have('actions', 'old', { name: 'old' })];
    const allowed = planChanges({ adapters, desired: [], live, allowDelete: new Set(['clients']) });
    expect(allowed.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['delete clients.Stray']);
    expect(allowed.unmanaged).toEqual([{ type: 'actions', key: 'old' }]);
    const all = planChanges({ adapters, desired: [], live, allowDelete: 'all' });
    expect(all.changes).toHaveLength(2);
    expect(all.unmanaged).toEqual([]);
    const byDefault = planChanges({
      adapters: [{ ...adapters[0]!, deleteByDefault: true }],
      desired: [],
      live: live.slice(0, 1),
    });
    expect(byDefault.changes.map((c) => c.action)).toEqual(['delete']);
  });

  it('after a replace, reconnects objects the tenant unlinks from the old id', () => {
    const frozenActions = { ...adapters.find((a) => a.type === 'actions')!, immutableFields: ['runtime'] };
    const withFrozen = adapters.map((a) => (a.type === 'actions' ? frozenActions : a));
    const plan = planChanges({
      adapters: withFrozen,
      desired: [
        want('actions', 'a', { name: 'a', runtime: 'node22' }),
        want('actions', 'b', { name: 'b', runtime: 'node18' }),
        want('triggers', 'post-login', { bindings: ['a', 'b'] }),
        want('resource_servers', 'https://api', { identifier: 'https://api', signing_alg_frozen: 'RS256' }),
        want('client_grants', 'c/https://api', { client: 'c', audience: 'https://api' }),
        want('clients', 'c', { name: 'c' }),
      ],
      live: [
        have('actions', 'a', { name: 'a', runtime: 'node18' }),
        have('actions', 'b', { name: 'b', runtime: 'node18' }),
        have('triggers', 'post-login', { bindings: ['a', 'b'] }),
        have('resource_servers', 'https://api', { identifier: 'https://api', signing_alg_frozen: 'HS256' }),
        have('client_grants', 'c/https://api', { client: 'c', audience: 'https://api' }),
        have('clients', 'c', { name: 'c' }),
      ],
    });
    const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
    // The binding to the old action is a list element: the trigger is re-bound after the replace.
    expect(byAddress.get('triggers.post-login')).toMatchObject({ action: 'update', changed: ['bindings'] });
    expect(byAddress.get('triggers.post-login')!.dependsOn).toContain('actions.a');
    // A grant whose own audience was the replaced API goes with it: it is created again.
    expect(byAddress.get('client_grants.c/https://api')).toMatchObject({ action: 'create' });
    expect(byAddress.get('client_grants.c/https://api')!.dependsOn).toContain('resource_servers.https://api');
    expect(plan.unchanged).toEqual({ actions: 1, clients: 1 });
  });

  it('does not list convergence fields when an object is created, but compares them', () => {
    const marked = { ...adapters.find((a) => a.type === 'actions')!, convergenceFields: ['deployed'] };
    const created = planChanges({
      adapters: [marked],
      desired: [want('actions', 'a', { name: 'a', deployed: true })],
      live: [],
    });
    expect(created.changes[0]!.fields.map((f) => f.path)).toEqual(['name']);
    const unfinished = planChanges({
      adapters: [marked],
      desired: [want('actions', 'a', { name: 'a', deployed: true })],
      live: [have('actions', 'a', { name: 'a', deployed: false })],
    });
    expect(unfinished.changes[0]!.fields.map((f) => f.path)).toEqual(['deployed']);
  });

  it('never deletes a singleton left out of config: it is simply not managed', () => {
    const settings = {
      type: 'tenant',
      section: 'singleton' as const,
      secretPaths: [],
      immutableFields: [],
      references: () => [],
    };
    const plan = planChanges({
      adapters: [settings],
      desired: [],
      live: [have('tenant', 'default', { friendly_name: 'Acme' })],
      allowDelete: 'all',
    });
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged).toEqual([]);
  });

  it('never touches system objects, and refuses config that targets one', () => {
    const system = have('clients', 'All Applications', { name: 'All Applications' }, true);
    const quiet = planChanges({ adapters, desired: [], live: [system], allowDelete: 'all' });
    expect(quiet.changes).toEqual([]);
    expect(quiet.unmanaged).toEqual([]);
    expect(() =>
      planChanges({
        adapters,
        desired: [want('clients', 'All Applications', { name: 'All Applications', logo: 'x' })],
        live: [system],
      }),
    ).toThrow(/clients\.All Applications is a system object/);
  });

  it('reports an error for a desired object referencing one this plan deletes', () => {
    expect(() =>
      planChanges({
        adapters,
        desired: [want('client_grants', 'Gone/api', { client: 'Gone', audience: 'api' })],
        live: [
          have('clients', 'Gone', { name: 'Gone' }),
          have('resource_servers', 'api', { identifier: 'api' }),
        ],
        allowDelete: 'all',
      }),
    ).toThrow(PlanError);
  });

  it('honours ignore: not reported, and the live value is what an update sends', () => {
    const plan = planChanges({
      adapters,
      desired: [want('clients', 'A', { name: 'A', description: 'd', options: { keep: 1, theirs: 'mine' } })],
      live: [
        have('clients', 'A', { name: 'A', description: 'old', options: { keep: 0, theirs: 'dashboard' } }),
      ],
      ignore: { clients: ['name', 'options.theirs'] },
    });
    const change = plan.changes[0]!;
    expect(change.fields.map((f) => f.path)).toEqual(['description', 'options.keep']);
    expect(change.desired).toEqual({ description: 'd', options: { keep: 1, theirs: 'dashboard' } });
  });

  it('limits the plan to --only / --exclude types and rejects unknown ones', () => {
    const input = {
      adapters,
      desired: [want('clients', 'A', { name: 'A' }), want('actions', 'x', { name: 'x' })],
      live: [],
    };
    expect(planChanges({ ...input, only: ['clients'] }).changes.map((c) => c.address)).toEqual(['clients.A']);
    expect(planChanges({ ...input, exclude: ['clients'] }).changes.map((c) => c.address)).toEqual([
      'actions.x',
    ]);
    expect(() => planChanges({ ...input, only: ['nope'] })).toThrow(/Unknown resource type in --only: nope/);
  });

  it('reports duplicates and unknown types', () => {
    expect(() =>
      planChanges({ adapters, desired: [want('clients', 'A', {}), want('clients', 'A', {})], live: [] }),
    ).toThrow(/clients\.A appears twice in the config/);
    expect(() => planChanges({ adapters, desired: [want('widgets', 'A', {})], live: [] })).toThrow(/widgets/);
  });
});
