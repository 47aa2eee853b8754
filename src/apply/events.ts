// What the applier tells the outside world while it works, and what it reports at the end.

import type { Address, Change } from '../planner/model.ts';

export type ApplyEvent =
  | { type: 'start'; address: Address; change: Change }
  | { type: 'done'; address: Address; change: Change; ms: number }
  | { type: 'failed'; address: Address; change: Change; error: string; ms: number }
  | { type: 'skipped'; address: Address; change: Change; reason: string }
  /** Emitted by the API layer (not the scheduler) when the rate-limit gate holds requests back. */
  | { type: 'rate-limit-wait'; ms: number };

export interface ApplyReport {
  /** Changes that completed, in plan order. */
  done: Address[];
  /** Changes whose run threw, with the error's message (the API's message). */
  failed: { address: Address; error: string }[];
  /** Changes never started: something they depend on failed, or the run was interrupted. */
  skipped: { address: Address; reason: string }[];
}

export function succeeded(report: ApplyReport): boolean {
  return report.failed.length === 0 && report.skipped.length === 0;
}
