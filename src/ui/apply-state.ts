// The state of an apply in progress, folded from the scheduler's events. Both progress
// views (ink and plain lines) read it, and it is what the tests check.

import type { ApplyEvent, ApplyReport } from '../apply/events.ts';
import type { Address, Change, ChangeAction } from '../planner/model.ts';
import { ACTION_SYMBOL } from '../planner/wording.ts';
import { oneLine } from '../core/control-chars.ts';

export type ChangeStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface ChangeProgress {
  address: Address;
  action: ChangeAction;
  status: ChangeStatus;
  ms?: number;
  /** The error (failed) or why it never ran (skipped). */
  detail?: string;
}

export interface ApplySnapshot {
  total: number;
  /** The latest finished changes, oldest first: a window, not the whole apply. */
  recent: ChangeProgress[];
  running: ChangeProgress[];
  counts: Record<ChangeStatus, number>;
  /** Until when (clock ms) the rate-limit gate is holding requests, if it is. */
  rateLimitedUntil?: number;
}

/** How many finished changes a snapshot shows. */
export const RECENT_WINDOW = 5;

/**
 * Folded one event at a time in constant work: counts move with each status change and only
 * the window of recent changes is kept in order, so a 5,000-change apply costs per event what
 * a 5-change one does. A snapshot copies the window and the running changes (at most the
 * apply's concurrency), never the whole plan.
 */
export class ApplyProgressState {
  private readonly changes = new Map<Address, ChangeProgress>();
  private readonly running = new Map<Address, ChangeProgress>();
  private readonly recent: ChangeProgress[] = [];
  private readonly counts: Record<ChangeStatus, number> = {
    pending: 0,
    running: 0,
    done: 0,
    failed: 0,
    skipped: 0,
  };
  private rateLimitedUntil?: number;

  constructor(
    changes: readonly Change[],
    private readonly now: () => number = Date.now,
  ) {
    for (const c of changes)
      this.changes.set(c.address, { address: c.address, action: c.action, status: 'pending' });
    this.counts.pending = this.changes.size;
  }

  apply(event: ApplyEvent): ChangeProgress | undefined {
    if (event.type === 'rate-limit-wait') {
      this.rateLimitedUntil = Math.max(this.rateLimitedUntil ?? 0, this.now() + event.ms);
      return undefined;
    }
    const known = this.changes.get(event.address);
    const current = known ?? {
      address: event.address,
      action: event.change.action,
      status: 'pending' as const,
    };
    if (known) this.counts[known.status] -= 1;
    const next: ChangeProgress =
      event.type === 'start'
        ? { ...current, status: 'running' }
        : event.type === 'done'
          ? { ...current, status: 'done', ms: event.ms }
          : event.type === 'failed'
            ? { ...current, status: 'failed', ms: event.ms, detail: event.error }
            : { ...current, status: 'skipped', detail: event.reason };
    this.changes.set(event.address, next);
    this.counts[next.status] += 1;
    if (next.status === 'running') this.running.set(next.address, next);
    else {
      this.running.delete(next.address);
      this.recent.push(next);
      if (this.recent.length > RECENT_WINDOW) this.recent.shift();
    }
    return next;
  }

  snapshot(): ApplySnapshot {
    const waiting = this.rateLimitedUntil !== undefined && this.rateLimitedUntil > this.now();
    return {
      total: this.changes.size,
      recent: [...this.recent],
      running: [...this.running.values()],
      counts: { ...this.counts },
      ...(waiting && { rateLimitedUntil: this.rateLimitedUntil }),
    };
  }
}

const PAST: Record<ChangeAction, string> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  delete: 'deleted',
};

const PRESENT: Record<ChangeAction, string> = {
  create: 'creating',
  update: 'updating',
  replace: 'replacing',
  delete: 'deleting',
};

/** `+ clients.My SPA … created (120 ms)`; the same words in both views. */
export function describeProgress(change: ChangeProgress): string {
  const head = `${ACTION_SYMBOL[change.action]} ${oneLine(change.address)} …`;
  const took = change.ms === undefined ? '' : ` (${Math.round(change.ms)} ms)`;
  switch (change.status) {
    case 'pending':
      return `${head} waiting`;
    case 'running':
      return `${head} ${PRESENT[change.action]}`;
    case 'done':
      return `${head} ${PAST[change.action]}${took}`;
    case 'failed':
      return `${head} failed${took}: ${change.detail ?? 'unknown error'}`;
    case 'skipped':
      return `${head} skipped: ${change.detail ?? ''}`;
  }
}

export function describeRateLimitWait(ms: number): string {
  return `… rate limit reached: waiting ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}`;
}

/** The closing lines: what was done, and what failed or was skipped and why. */
export function describeReport(
  report: ApplyReport,
  changes: readonly Change[],
  interrupted = false,
): string[] {
  const actionOf = new Map(changes.map((c) => [c.address, c.action]));
  if (interrupted) {
    return [
      `Apply interrupted: ${report.done.length} done, ${report.failed.length} failed, ` +
        `${report.skipped.length} not started.`,
      ...report.done.map((address) => `  done:        ${address}`),
      ...report.failed.map((f) => `  failed:      ${f.address}: ${f.error}`),
      ...report.skipped.map((s) => `  not started: ${s.address}`),
    ];
  }
  if (report.failed.length === 0 && report.skipped.length === 0) {
    const count = (a: ChangeAction) => report.done.filter((address) => actionOf.get(address) === a).length;
    return [
      `Apply complete: ${count('create')} created, ${count('update')} updated, ` +
        `${count('replace')} replaced, ${count('delete')} deleted.`,
    ];
  }
  return [
    `Apply failed: ${report.done.length} done, ${report.failed.length} failed, ${report.skipped.length} skipped.`,
    ...report.failed.map((f) => `  failed:  ${f.address}: ${f.error}`),
    ...report.skipped.map((s) => `  skipped: ${s.address}: ${s.reason}`),
  ];
}
