// tenantform plan: read the tenant, print what apply would do. Never writes to the tenant.

import { adapters } from '../resources/index.ts';
import { summarise } from '../planner/model.ts';
import { buildPlan } from './build-plan.ts';
import { type CommonOptions, configPaths, type Output } from './common-options.ts';
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
    const paths = configPaths(opts.config);
    target = await openTarget({ env: opts.env, embeddedDataFile: DEFAULT_EMBEDDED_DATA });
    out.stderr(`Planning against ${target.description}`);
    const built = await buildPlan({
      configPaths: paths,
      valuesFiles: opts.values,
      env: opts.env,
      adapters,
      api: target.api,
      only: opts.only,
      exclude: opts.exclude,
      allowDelete: opts.allowDelete,
    });
    out.stdout(renderPlan(built.plan, opts.format, 'plan', opts.color));
    if (opts.out) {
      const { writePlanFile } = await import('./plan-file.ts');
      writePlanFile(opts.out, built, target.identity);
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
