// tenantform plan: read the tenant, print what apply would do. Never writes to the tenant.

import { summarise } from '../planner/model.ts';
import { buildPlanFromOptions } from './build-plan.ts';
import type { CommonOptions, Output } from './common-options.ts';
import { renderPlan } from './render-plan.ts';
import { reportError } from './report-error.ts';
import { DEFAULT_EMBEDDED_DATA, openTarget } from './target.ts';

export interface PlanOptions extends CommonOptions {
  out?: string;
  format: string;
  detailedExitCode: boolean;
}

export async function runPlan(opts: PlanOptions, out: Output): Promise<number> {
  let target: Awaited<ReturnType<typeof openTarget>> | undefined;
  try {
    target = await openTarget({ env: opts.env, embeddedDataFile: DEFAULT_EMBEDDED_DATA });
    out.stderr(`Planning against ${target.description}`);
    const built = await buildPlanFromOptions(opts, target.api);
    const fullPlan = opts.out
      ? `every change is in the saved plan ${opts.out} (kept with this run); \`tenantform plan\` prints them as text`
      : undefined;
    out.stdout(renderPlan(built.plan, opts.format, 'plan', opts.color, fullPlan));
    if (opts.out) {
      const { writePlanFile } = await import('./plan-file.ts');
      writePlanFile(opts.out, built, target.identity, opts.config);
      out.stderr(`Saved the plan to ${opts.out}; apply it with: tenantform apply ${opts.out}`);
    }
    const s = summarise(built.plan);
    const changes = s.create + s.update + s.replace + s.delete;
    return opts.detailedExitCode && changes > 0 ? 2 : 0;
  } catch (error) {
    return reportError(error, out);
  } finally {
    await target?.close();
  }
}
