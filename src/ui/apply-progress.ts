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

/**
 * How often the terminal view is redrawn, whatever the rate of events: each frame costs 10–25
 * ms of ink's pipeline (profiled), so at two a second the view stays a small share of the run.
 */
const FRAME_MS = 500;

type ViewModules = typeof import('./apply-view-modules.ts');

/**
 * The installed package (compiled, this file a .js) loads the build's bundle of the view, ink
 * and React (tools/bundle-apply-view.mjs): ~0.16 s CPU against ~0.7 s for ink's module graph.
 * A checkout runs the sources, which import ink itself.
 */
function loadViewModules(): Promise<ViewModules> {
  if (import.meta.url.endsWith('.ts')) return import('./apply-view-modules.ts');
  // A variable specifier: tsc leaves it alone, and the bundle exists only in dist/.
  const bundle = './apply-view.bundle.js';
  return import(bundle) as Promise<ViewModules>;
}

function inkProgress(options: ApplyProgressOptions, stdout: NodeJS.WriteStream): ApplyProgress {
  const now = options.now ?? Date.now;
  const state = new ApplyProgressState(options.changes, now);
  // React's development build checks every render at several times the cost; React and ink's
  // reconciler pick their build from NODE_ENV when first loaded, which is here.
  process.env.NODE_ENV ??= 'production';
  // Loaded lazily so plain runs (CI, pipes, tests) never load ink and its terminal probing.
  const loaded = loadViewModules();
  let tick = 0;
  const frame = ({ createElement, ApplyFrame, SPINNER }: ViewModules) =>
    createElement(ApplyFrame, {
      snapshot: state.snapshot(),
      spinner: SPINNER[tick % SPINNER.length] as string,
      now: now(),
    });
  // Events only fold into the state; the frame is drawn on a timer, so its cost is per frame
  // (a window of changes), not per event, and not a function of the plan's size.
  const view = loaded.then((modules) => {
    const ink = modules.render(frame(modules), {
      stdout,
      patchConsole: false,
      exitOnCtrlC: false,
      maxFps: 1000 / FRAME_MS,
    });
    const timer = setInterval(() => {
      tick += 1;
      ink.rerender(frame(modules));
    }, FRAME_MS);
    timer.unref();
    return { ink, timer, modules };
  });
  return {
    onEvent(event) {
      state.apply(event);
    },
    async finish(report, interrupted) {
      const { ink, timer, modules } = await view;
      clearInterval(timer);
      // The view ends on its final frame: every change finished, the totals complete.
      ink.rerender(frame(modules));
      ink.unmount();
      await ink.waitUntilExit();
      stdout.write(`\n${describeReport(report, options.changes, interrupted).join('\n')}\n`);
    },
  };
}
