import { describe, expect, it } from 'vitest';
import type { ApplyEvent } from '../src/apply/events.ts';
import { executePlan } from '../src/apply/scheduler.ts';
import type { Change } from '../src/planner/model.ts';

function change(address: string, dependsOn: string[] = []): Change {
  const [type, key] = address.split('.') as [string, string];
  return { address, type, key, action: 'create', fields: [], changed: [], dependsOn };
}

/** A run callback whose changes finish only when the test says so. */
function controllable() {
  const pending = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  const started: string[] = [];
  let waiter: (() => void) | undefined;
  const run = (c: Change) =>
    new Promise<void>((resolve, reject) => {
      started.push(c.address);
      pending.set(c.address, { resolve, reject });
      waiter?.();
    });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return {
    run,
    started,
    running: () => [...pending.keys()],
    async finish(address: string) {
      const p = pending.get(address);
      if (!p) throw new Error(`${address} is not running (running: ${[...pending.keys()].join(', ')})`);
      pending.delete(address);
      p.resolve();
      await tick();
    },
    async fail(address: string, message: string) {
      const p = pending.get(address);
      if (!p) throw new Error(`${address} is not running`);
      pending.delete(address);
      p.reject(new Error(message));
      await tick();
    },
    tick,
  };
}

describe('executePlan', () => {
  it('starts a change as soon as its own dependencies are done, not a whole level', async () => {
    // a → b and slow → c: b must start when a finishes, while slow (same level as a) still runs.
    const plan = {
      changes: [change('x.a'), change('x.slow'), change('x.b', ['x.a']), change('x.c', ['x.slow'])],
    };
    const ctl = controllable();
    const result = executePlan(plan, { concurrency: 10, run: ctl.run });
    await ctl.tick();
    expect(ctl.running()).toEqual(['x.a', 'x.slow']);
    await ctl.finish('x.a');
    expect(ctl.running()).toEqual(['x.slow', 'x.b']);
    await ctl.finish('x.b');
    await ctl.finish('x.slow');
    expect(ctl.running()).toEqual(['x.c']);
    await ctl.finish('x.c');
    expect(await result).toEqual({ done: ['x.a', 'x.slow', 'x.b', 'x.c'], failed: [], skipped: [] });
  });

  it('waits for every dependency of a change', async () => {
    const plan = { changes: [change('x.a'), change('x.b'), change('x.c', ['x.a', 'x.b'])] };
    const ctl = controllable();
    const result = executePlan(plan, { concurrency: 5, run: ctl.run });
    await ctl.tick();
    await ctl.finish('x.a');
    expect(ctl.running()).toEqual(['x.b']);
    await ctl.finish('x.b');
    expect(ctl.running()).toEqual(['x.c']);
    await ctl.finish('x.c');
    expect((await result).done).toHaveLength(3);
  });

  it('never runs more than `concurrency` changes at once', async () => {
    const plan = { changes: Array.from({ length: 7 }, (_, i) => change(`x.n${i}`)) };
    const ctl = controllable();
    const result = executePlan(plan, { concurrency: 3, run: ctl.run });
    let most = 0;
    for (let i = 0; i < 7; i++) {
      await ctl.tick();
      most = Math.max(most, ctl.running().length);
      expect(ctl.running().length).toBeLessThanOrEqual(3);
      await ctl.finish(ctl.running()[0]!);
    }
    expect(most).toBe(3);
    expect((await result).done).toHaveLength(7);
  });

  it('skips what depends on a failure, transitively, and carries on with the rest', async () => {
    const plan = {
      changes: [
        change('clients.A'),
        change('client_grants.A/api', ['clients.A']),
        change('roles.r', ['client_grants.A/api']),
        change('clients.B'),
        change('client_grants.B/api', ['clients.B']),
      ],
    };
    const events: ApplyEvent[] = [];
    const ctl = controllable();
    const result = executePlan(plan, { concurrency: 2, run: ctl.run, onEvent: (e) => events.push(e) });
    await ctl.tick();
    await ctl.fail('clients.A', 'Payload validation error: name too long');
    await ctl.finish('clients.B');
    await ctl.finish('client_grants.B/api');
    const report = await result;
    expect(report).toEqual({
      done: ['clients.B', 'client_grants.B/api'],
      failed: [{ address: 'clients.A', error: 'Payload validation error: name too long' }],
      skipped: [
        { address: 'client_grants.A/api', reason: 'depends on clients.A, which failed' },
        { address: 'roles.r', reason: 'depends on clients.A, which failed' },
      ],
    });
    expect(ctl.started).not.toContain('client_grants.A/api');
    expect(events.map((e) => `${e.type} ${'address' in e ? e.address : ''}`)).toEqual([
      'start clients.A',
      'start clients.B',
      'failed clients.A',
      'skipped client_grants.A/api',
      'skipped roles.r',
      'done clients.B',
      'start client_grants.B/api',
      'done client_grants.B/api',
    ]);
  });

  it('reports durations from the clock it is given', async () => {
    let t = 1000;
    const events: ApplyEvent[] = [];
    await executePlan(
      { changes: [change('x.a')] },
      {
        concurrency: 1,
        now: () => t,
        run: async () => {
          t += 120;
        },
        onEvent: (e) => events.push(e),
      },
    );
    expect(events.at(-1)).toMatchObject({ type: 'done', address: 'x.a', ms: 120 });
  });

  it('skips changes not yet started once aborted', async () => {
    const controller = new AbortController();
    const ctl = controllable();
    const result = executePlan(
      { changes: [change('x.a'), change('x.b'), change('x.c', ['x.a'])] },
      { concurrency: 1, run: ctl.run, signal: controller.signal },
    );
    await ctl.tick();
    controller.abort();
    await ctl.finish('x.a');
    expect(await result).toEqual({
      done: ['x.a'],
      failed: [],
      skipped: [
        { address: 'x.b', reason: 'not started: the apply was interrupted' },
        { address: 'x.c', reason: 'not started: the apply was interrupted' },
      ],
    });
  });

  it('after an abort, gives changes in flight a bounded time, then ends without them', async () => {
    const controller = new AbortController();
    const ctl = controllable();
    const result = executePlan(
      { changes: [change('x.a'), change('x.b'), change('x.c', ['x.a'])] },
      { concurrency: 2, run: ctl.run, signal: controller.signal, inFlightGraceMs: 30 },
    );
    await ctl.tick();
    controller.abort();
    await ctl.finish('x.a');
    // x.b never finishes: the run ends anyway, and reports it with an unknown outcome.
    const report = await result;
    expect(report.done).toEqual(['x.a']);
    expect(report.failed).toEqual([{ address: 'x.b', error: expect.stringMatching(/outcome is unknown/) }]);
    expect(report.skipped).toEqual([{ address: 'x.c', reason: 'not started: the apply was interrupted' }]);
  });

  it('handles an empty plan, and refuses unknown dependencies, cycles and a bad concurrency', async () => {
    expect(await executePlan({ changes: [] }, { concurrency: 1, run: async () => {} })).toEqual({
      done: [],
      failed: [],
      skipped: [],
    });
    const run = async () => {};
    await expect(
      executePlan({ changes: [change('x.a', ['x.zz'])] }, { concurrency: 1, run }),
    ).rejects.toThrow(/x\.a depends on x\.zz/);
    await expect(
      executePlan({ changes: [change('x.a', ['x.b']), change('x.b', ['x.a'])] }, { concurrency: 1, run }),
    ).rejects.toThrow('Dependency cycle: x.a → x.b → x.a');
    await expect(executePlan({ changes: [] }, { concurrency: 0, run })).rejects.toThrow(/concurrency/);
  });

  it('survives a progress listener that throws', async () => {
    const report = await executePlan(
      { changes: [change('x.a')] },
      {
        concurrency: 1,
        run: async () => {},
        onEvent: () => {
          throw new Error('view broke');
        },
      },
    );
    expect(report.done).toEqual(['x.a']);
  });
});
