// tenantform apply: compute the plan (or load a saved one), confirm, execute exactly it.

import { changeRunner } from '../apply/run-change.ts';
import { executePlan } from '../apply/scheduler.ts';
import { type ApplyEvent, succeeded } from '../apply/events.ts';
import type { Plan } from '../planner/model.ts';
import type { SecretDigestBook } from '../apply/secret-digests.ts';
import { renderPlanText } from '../planner/render-text.ts';
import type { MutableRefResolver } from '../resources/live-state.ts';
import { adapterFor } from '../resources/index.ts';
import { IN_FLIGHT_GRACE_MS, INTERRUPT_EXIT_CODE, watchInterrupts } from '../apply/interrupts.ts';
import { acquireTenantLock, type HeldLock } from '../apply/tenant-lock.ts';
import { renderApplyProgress } from '../ui/apply-progress.ts';
import { jsonLinesProgress, planLine } from '../ui/apply-json-lines.ts';
import { confirm } from '../ui/confirm.ts';
import type { ManagementClient } from '../api/client.ts';
import { buildPlanFromOptions } from './build-plan.ts';
import { loadValidatedConfigFromOptions } from './validated-config.ts';
import type { CommonOptions, Output } from './common-options.ts';
import { reportError } from './report-error.ts';
import { DEFAULT_EMBEDDED_DATA, openTarget, type Target } from './target.ts';

export interface ApplyOptions extends CommonOptions {
  /** A saved plan to apply instead of planning now. */
  planFile?: string;
  autoApprove: boolean;
  /** `json`: JSON lines for pipelines (docs/apply-json.md); default text. */
  format?: string;
}

export async function runApply(opts: ApplyOptions, out: Output): Promise<number> {
  const json = opts.format === 'json';
  if (json && !opts.planFile && !opts.autoApprove) {
    out.stderr(
      'Error: apply --format json does not ask for confirmation: pass --auto-approve, or apply a saved plan file.',
    );
    return 1;
  }
  if (!opts.planFile && !opts.autoApprove && !opts.interactive) {
    out.stderr(
      'Error: apply needs confirmation, and there is no terminal to ask (stdin is not a TTY, or CI is set).\n' +
        'Run with --auto-approve, or save a reviewed plan with `tenantform plan --out plan.json` and apply that.',
    );
    return 1;
  }
  let target: Target | undefined;
  let lock: HeldLock | undefined;
  const interrupts = watchInterrupts((text) => out.stderr(text));
  // The client exists before the progress view does: its rate-limit waits reach the view
  // through this relay once the view is up.
  const relay: ProgressRelay = {};
  try {
    target = await openTarget({
      env: opts.env,
      embeddedDataFile: DEFAULT_EMBEDDED_DATA,
      onEvent: (e) => {
        if (e.type === 'rate-limit-wait') relay.toView?.({ type: 'rate-limit-wait', ms: e.ms });
      },
    });
    out.stderr(`Applying to ${target.description}`);
    // Bad config stops the run before the lock's write, like before any other.
    const config = opts.planFile ? undefined : loadValidatedConfigFromOptions(opts);
    // Held from before the tenant is read until the run ends, so no other apply plans
    // against a tenant this one is changing.
    lock = await acquireTenantLock(target.api);

    let plan: Plan;
    let refs: MutableRefResolver;
    let digests: SecretDigestBook;
    if (opts.planFile) {
      const { loadSavedPlan } = await import('./plan-file.ts');
      ({ plan, refs, digests } = await loadSavedPlan(opts.planFile, {
        api: target.api,
        target: target.identity,
        env: opts.env ?? process.env,
        valuesFiles: opts.values,
        configOption: opts.config,
      }));
    } else {
      const built = await buildPlanFromOptions(opts, target.api, config);
      plan = built.plan;
      refs = built.live.refs;
      digests = built.digests;
    }
    out.stdout(json ? planLine(plan) : renderPlanText(plan, { color: opts.color }));
    // A saved plan was approved when it was reviewed.
    if (!opts.planFile && plan.changes.length > 0 && !opts.autoApprove) {
      const approved = await Promise.race([confirm(), interrupts.interrupted.then(() => false)]);
      if (!approved) {
        out.stderr('Apply cancelled: nothing was changed.');
        return interrupts.signal.aborted ? INTERRUPT_EXIT_CODE : 1;
      }
    }
    if (interrupts.signal.aborted) {
      out.stderr('Apply interrupted before its first change: nothing was changed.');
      return INTERRUPT_EXIT_CODE;
    }
    return await execute(plan, refs, digests, target.api, { ...opts, signal: interrupts.signal }, out, relay);
  } catch (error) {
    return reportError(error, out);
  } finally {
    interrupts.dispose();
    await lock?.release().catch((error: unknown) => {
      out.stderr(
        `Warning: could not release the tenant's apply lock (${(error as Error).message}); run \`tenantform unlock\``,
      );
    });
    await target?.close();
  }
}

interface ProgressRelay {
  toView?: (event: ApplyEvent) => void;
}

async function execute(
  plan: Plan,
  refs: MutableRefResolver,
  digests: SecretDigestBook,
  api: ManagementClient,
  opts: ApplyOptions & { signal: AbortSignal },
  out: Output,
  relay: ProgressRelay,
): Promise<number> {
  const json = opts.format === 'json';
  // JSON readers get a report line even when there was nothing to do.
  if (plan.changes.length === 0 && !json) return 0;
  const deployerClientId = await api.deployerClientId();
  const view = json
    ? jsonLinesProgress(plan, (line) => out.stdout(line))
    : renderApplyProgress({
        changes: plan.changes,
        interactive: out.isTTY && opts.interactive,
        stdout: out.isTTY ? process.stdout : lineStream(out),
      });
  relay.toView = (e) => view.onEvent(e);
  const runChange = changeRunner({ adapterFor, ctx: { api, refs, deployerClientId } });
  const report = await executePlan(plan, {
    concurrency: opts.concurrency,
    run: async (change) => {
      await runChange(change);
      digests.recordWrites(change, adapterFor(change.type));
    },
    onEvent: (e) => view.onEvent(e),
    signal: opts.signal,
    inFlightGraceMs: IN_FLIGHT_GRACE_MS,
  });
  const interrupted = opts.signal.aborted;
  // Whatever was written is recorded, interrupted or failed: the next plan compares against it.
  const unrecorded = await digests.save(api).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  await view.finish(report, interrupted);
  if (unrecorded) {
    out.stderr(
      `Warning: the digests of the write-only secrets this apply wrote could not be saved (${unrecorded.message}); ` +
        'the next plan will write those secrets again.',
    );
  }
  if (interrupted) {
    out.stderr(
      opts.planFile
        ? 'To continue: the saved plan no longer matches the tenant; make a new one (`tenantform plan --out …`) and apply it.'
        : 'To continue: run `tenantform apply` again; it plans only what is left.',
    );
    return INTERRUPT_EXIT_CODE;
  }
  return succeeded(report) ? 0 : 1;
}

/** Plain progress lines go through the command's output, like everything else it prints. */
function lineStream(out: Output): NodeJS.WriteStream {
  const write = (text: string) => {
    out.stdout(text.replace(/\n$/, ''));
    return true;
  };
  return { write, isTTY: false } as unknown as NodeJS.WriteStream;
}
