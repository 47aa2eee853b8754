// Runs a plan's changes over its dependency graph: each change starts as soon as everything
// it depends on is done (never waiting for a whole "level"), at most `concurrency` at once.
// Pure orchestration: the run callback does the I/O.

import pLimit from 'p-limit';
import { findCycle } from '../planner/graph.ts';
import type { Address, Change, Plan } from '../planner/model.ts';
import type { ApplyEvent, ApplyReport } from './events.ts';

export interface ExecuteOptions {
  /** Most changes in flight at once. */
  concurrency: number;
  /** Performs one change (calls the adapter). A throw marks the change failed. */
  run: (change: Change) => Promise<void>;
  onEvent?: (event: ApplyEvent) => void;
  /** Once aborted, changes not yet started are skipped; those in flight finish. */
  signal?: AbortSignal;
  /**
   * After an abort, how long changes in flight may take to finish; past it they are reported
   * failed with an unknown outcome and the run ends without them. Default: no bound.
   */
  inFlightGraceMs?: number;
  /** Clock for durations; injectable for tests. */
  now?: () => number;
}

/** Why a change was never started after an interrupt. */
export const INTERRUPTED = 'not started: the apply was interrupted';

type Status = 'waiting' | 'queued' | 'running' | 'done' | 'failed' | 'skipped';

export async function executePlan(
  plan: Pick<Plan, 'changes'>,
  options: ExecuteOptions,
): Promise<ApplyReport> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new Error(`concurrency must be a whole number of at least 1, not ${options.concurrency}`);
  }
  const changes = plan.changes;
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  for (const change of changes) {
    for (const dep of change.dependsOn) {
      if (!byAddress.has(dep))
        throw new Error(`${change.address} depends on ${dep}, which is not in the plan`);
    }
  }
  const cycle = findCycle(changes);
  if (cycle) throw new Error(`Dependency cycle: ${cycle.join(' → ')}`);

  const now = options.now ?? (() => performance.now());
  // A progress view that throws must not stall the apply or leave changes unaccounted for.
  const emit = (event: ApplyEvent) => {
    try {
      options.onEvent?.(event);
    } catch {}
  };
  const limit = pLimit(options.concurrency);
  const status = new Map<Address, Status>(changes.map((c) => [c.address, 'waiting']));
  const unfinishedDeps = new Map(changes.map((c) => [c.address, new Set(c.dependsOn).size]));
  const dependants = new Map<Address, Address[]>(changes.map((c) => [c.address, []]));
  for (const change of changes)
    for (const dep of new Set(change.dependsOn)) dependants.get(dep)?.push(change.address);
  const errors = new Map<Address, string>();
  const reasons = new Map<Address, string>();

  let settled = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const settle = () => {
    settled += 1;
    if (settled === changes.length) finish();
  };

  const skip = (address: Address, reason: string) => {
    if (status.get(address) !== 'waiting' && status.get(address) !== 'queued') return;
    status.set(address, 'skipped');
    reasons.set(address, reason);
    emit({ type: 'skipped', address, change: byAddress.get(address) as Change, reason });
    settle();
    for (const next of dependants.get(address) ?? []) skip(next, reason);
  };

  const start = (change: Change) => {
    status.set(change.address, 'queued');
    void limit(async () => {
      if (status.get(change.address) !== 'queued') return;
      if (options.signal?.aborted) {
        skip(change.address, INTERRUPTED);
        return;
      }
      status.set(change.address, 'running');
      emit({ type: 'start', address: change.address, change });
      const began = now();
      try {
        await options.run(change);
      } catch (error) {
        // Given up on after an interrupt: already reported.
        if (status.get(change.address) !== 'running') return;
        const message = error instanceof Error ? error.message : String(error);
        status.set(change.address, 'failed');
        errors.set(change.address, message);
        emit({ type: 'failed', address: change.address, change, error: message, ms: now() - began });
        settle();
        for (const next of dependants.get(change.address) ?? [])
          skip(next, `depends on ${change.address}, which failed`);
        return;
      }
      if (status.get(change.address) !== 'running') return;
      status.set(change.address, 'done');
      emit({ type: 'done', address: change.address, change, ms: now() - began });
      settle();
      for (const next of dependants.get(change.address) ?? []) {
        const left = (unfinishedDeps.get(next) as number) - 1;
        unfinishedDeps.set(next, left);
        if (left === 0 && status.get(next) === 'waiting') start(byAddress.get(next) as Change);
      }
    });
  };

  const interrupt = () => {
    for (const change of changes) skip(change.address, INTERRUPTED);
    if (options.inFlightGraceMs === undefined) return;
    setTimeout(() => {
      for (const change of changes) {
        if (status.get(change.address) !== 'running') continue;
        const message = `still in flight ${Math.round((options.inFlightGraceMs as number) / 1000)} s after the interrupt; its outcome is unknown (the next plan shows it)`;
        status.set(change.address, 'failed');
        errors.set(change.address, message);
        emit({ type: 'failed', address: change.address, change, error: message, ms: 0 });
        settle();
      }
    }, options.inFlightGraceMs).unref();
  };
  if (options.signal?.aborted) interrupt();
  else options.signal?.addEventListener('abort', interrupt, { once: true });

  if (changes.length === 0) finish();
  for (const change of changes)
    if (unfinishedDeps.get(change.address) === 0 && status.get(change.address) === 'waiting') start(change);
  await finished;

  const inPlanOrder = (wanted: Status) =>
    changes.filter((c) => status.get(c.address) === wanted).map((c) => c.address);
  return {
    done: inPlanOrder('done'),
    failed: inPlanOrder('failed').map((address) => ({ address, error: errors.get(address) as string })),
    skipped: inPlanOrder('skipped').map((address) => ({ address, reason: reasons.get(address) as string })),
  };
}
