// tenantform drift: for cron jobs. The same plan as `plan`, reported as drift, over a
// transport that cannot write. Exit 0 in sync, 2 drift, 1 error.

import { buildPlanFromOptions } from './build-plan.ts';
import type { CommonOptions, Output } from './common-options.ts';
import { renderPlan } from './render-plan.ts';
import { reportError } from './report-error.ts';
import { DEFAULT_EMBEDDED_DATA, openTarget, type Target } from './target.ts';

export interface DriftOptions extends CommonOptions {
  format: string;
}

export async function runDrift(opts: DriftOptions, out: Output): Promise<number> {
  let target: Target | undefined;
  try {
    target = await openTarget({ env: opts.env, embeddedDataFile: DEFAULT_EMBEDDED_DATA, readOnly: true });
    out.stderr(`Checking ${target.description} for drift (read-only)`);
    const { plan } = await buildPlanFromOptions(opts, target.api);
    out.stdout(renderPlan(plan, opts.format, 'drift', opts.color));
    return plan.changes.length > 0 ? 2 : 0;
  } catch (error) {
    return reportError(error, out);
  } finally {
    await target?.close();
  }
}
