// Apply progress on stdout: the ink view in a terminal, one plain line per change otherwise
// (CI logs, pipes), where spinners and cursor movement would only make noise.

import type { ApplyEvent, ApplyReport } from '../apply/events.ts';
import type { Change } from '../planner/model.ts';
import {
  ApplyProgressState,
  describeProgress,
  describeRateLimitWait,
  describeReport,
} from './apply-state.ts';
import type { ApplyViewSource } from './apply-view.tsx';

export interface ApplyProgress {
  /** Pass as executePlan's onEvent, and forward the API layer's rate-limit waits here too. */
  onEvent(event: ApplyEvent): void;
  /** Stops the view and prints the closing report. */
  finish(report: ApplyReport, interrupted?: boolean): Promise<void>;
}

export interface ApplyProgressOptions {
  changes: readonly Change[];
  stdout?: NodeJS.WriteStream;
  /** Default: stdout.isTTY and CI unset. */
  interactive?: boolean;
  now?: () => number;
}

export function renderApplyProgress(options: ApplyProgressOptions): ApplyProgress {
  const stdout = options.stdout ?? process.stdout;
  const interactive = options.interactive ?? (stdout.isTTY === true && !process.env.CI);
  return interactive ? inkProgress(options, stdout) : plainProgress(options, stdout);
}

function plainProgress(options: ApplyProgressOptions, stdout: NodeJS.WritableStream): ApplyProgress {
  const state = new ApplyProgressState(options.changes, options.now);
  return {
    onEvent(event) {
      const progress = state.apply(event);
      if (event.type === 'rate-limit-wait') stdout.write(`${describeRateLimitWait(event.ms)}\n`);
      else if (progress && progress.status !== 'running') stdout.write(`${describeProgress(progress)}\n`);
    },
    async finish(report, interrupted) {
      stdout.write(`\n${describeReport(report, options.changes, interrupted).join('\n')}\n`);
    },
  };
}

function inkProgress(options: ApplyProgressOptions, stdout: NodeJS.WriteStream): ApplyProgress {
  const now = options.now ?? Date.now;
  const state = new ApplyProgressState(options.changes, now);
  const listeners = new Set<() => void>();
  const source: ApplyViewSource = {
    snapshot: () => state.snapshot(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    now,
  };
  // Loaded lazily so plain runs (CI, pipes, tests) never load ink and its terminal probing.
  const instance = Promise.all([import('ink'), import('react'), import('./apply-view.tsx')]).then(
    ([{ render }, { createElement }, { ApplyView }]) => ({
      ink: render(createElement(ApplyView, { source }), { stdout, patchConsole: false, exitOnCtrlC: false }),
      finalFrame: () => createElement(ApplyView, { source, final: state.snapshot() }),
    }),
  );
  return {
    onEvent(event) {
      state.apply(event);
      for (const listener of listeners) listener();
    },
    async finish(report, interrupted) {
      const { ink, finalFrame } = await instance;
      // Rendered synchronously (ink's legacy mode), so the view ends on this frame.
      ink.rerender(finalFrame());
      ink.unmount();
      await ink.waitUntilExit();
      stdout.write(`\n${describeReport(report, options.changes, interrupted).join('\n')}\n`);
    },
  };
}
