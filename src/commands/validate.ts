// tenantform validate: load, substitute, validate and resolve references, with no network.

import { adapters } from '../resources/index.ts';
import { checkReferences } from '../config/load.ts';
import { loadValidatedConfig } from './validated-config.ts';
import { type CommonOptions, configPaths, type Output } from './common-options.ts';
import { reportError } from './report-error.ts';

export async function runValidate(opts: CommonOptions, out: Output): Promise<number> {
  try {
    const config = loadValidatedConfig({
      configPaths: configPaths(opts.config),
      valuesFiles: opts.values,
      env: opts.env,
      adapters,
    });
    // Offline, a reference to an object outside the config may still name one in the
    // tenant: list those for the reader instead of failing.
    const outside = checkReferences(config, adapters);
    const counts = [...config.byType].map(([type, objects]) => `${objects.size} ${type}`).join(', ');
    out.stdout(`Configuration is valid: ${config.files.length} file(s), ${counts || 'no objects'}.`);
    if (outside.length > 0) {
      out.stdout('These references must exist in the tenant (checked by plan):');
      for (const p of outside) out.stdout(`  ${p.file}:${p.line}:${p.column}: ${p.path}: ${p.message}`);
    }
    return 0;
  } catch (error) {
    return reportError(error, out);
  }
}
