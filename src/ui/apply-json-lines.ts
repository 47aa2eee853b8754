// Apply progress for pipelines (`apply --format json`): one JSON object per line on stdout,
// documented in docs/apply-json.md. Events name changes by address and action only: a
// change's fields are in the plan line, masked as in `plan --format json`.

import type { ApplyEvent, ApplyReport } from '../apply/events.ts';
import { succeeded } from '../apply/events.ts';
import type { Plan } from '../planner/model.ts';
import { planToJson } from '../planner/render-json.ts';
import type { ApplyProgress } from './apply-progress.ts';

export const APPLY_JSON_FORMAT_VERSION = 1;

export function jsonLinesProgress(plan: Plan, writeLine: (line: string) => void): ApplyProgress {
  const emit = (value: object) => writeLine(JSON.stringify(value));
  const actionOf = new Map(plan.changes.map((c) => [c.address, c.action]));
  return {
    onEvent(event: ApplyEvent) {
      if (event.type === 'rate-limit-wait') {
        emit({ type: event.type, ms: event.ms });
        return;
      }
      const { type, address, change, ...rest } = event;
      emit({ type, address, action: change.action, ...rest });
    },
    async finish(report: ApplyReport) {
      emit({
        type: 'report',
        formatVersion: APPLY_JSON_FORMAT_VERSION,
        succeeded: succeeded(report),
        done: report.done.map((address) => ({ address, action: actionOf.get(address) })),
        failed: report.failed,
        skipped: report.skipped,
      });
    },
  };
}

/** The first line: the plan being applied, as `plan --format json` shows it. */
export function planLine(plan: Plan): string {
  return JSON.stringify({ type: 'plan', ...planToJson(plan, 'plan') });
}
