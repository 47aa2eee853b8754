// tenantform drift: for cron jobs. The same plan as `plan`, reported as drift, over a
// transport that cannot write. Exit 0 in sync, 2 drift, 1 error.

import { adapters } from '../resources/index.ts';
import { buildPlan } from './build-plan.ts';
import { type CommonOptions, configPaths, type Output } from './common-options.ts';
import { renderPlan } from './render-plan.ts';
import { reportError } from './report-error.ts';
import { DEFAULT_EMBEDDED_DATA, openTarget, type Target } from './target.ts';

export interface DriftOptions extends CommonOptions {
  format: string;
}

export async function runDrift(opts: DriftOptions, out: Output): Promise<number> {
  let target: Target | undefined;
  try {
    const paths = configPaths(opts.config);
    target = await openTarget({ env: opts.env, embeddedDataFile: DEFAULT_EMBEDDED_DATA, readOnly: true });
    out.stderr(`Checking ${target.description} for drift (read-only)`);
    const { plan } = await buildPlan({
      configPaths: paths,
      valuesFiles: opts.values,
      env: opts.env,
      adapters,
      api: target.api,
      only: opts.only,
      exclude: opts.exclude,
      allowDelete: opts.allowDelete,
    });
    out.stdout(renderPlan(plan, opts.format, 'drift', opts.color));
    return plan.changes.length > 0 ? 2 : 0;
  } catch (error) {
    return reportError(error, out);
  } finally {
    await target?.close();
  }
}
