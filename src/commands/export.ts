// tenantform export: write the live tenant as config, for tenants that start using
// tenantform (or to refresh config from the tenant). Reads the tenant, never writes to it,
// and never overwrites a file.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportTenant } from '../export/export-tenant.ts';
import { adapters } from '../resources/index.ts';
import { readLiveState } from '../resources/live-state.ts';
import { loadValidatedConfig } from './validated-config.ts';
import { type CommonOptions, existingConfigPaths, type Output } from './common-options.ts';
import { reportError } from './report-error.ts';
import { DEFAULT_EMBEDDED_DATA, openTarget, type Target } from './target.ts';

export interface ExportOptions extends CommonOptions {
  outDir: string;
}

const CONFIG_SCHEMA_URL = new URL('../../schemas/tenantform.schema.json', import.meta.url);
const VARIABLES_FILE = 'secrets.env.example';

export async function runExport(opts: ExportOptions, out: Output): Promise<number> {
  let target: Target | undefined;
  try {
    // Existing config (-c, or tenant.yaml / tenant/ as for plan): its ${VAR}s are kept. Loaded
    // first, so a config error stops the export before any network call.
    const paths = existingConfigPaths(opts.config);
    const config = paths
      ? loadValidatedConfig({ configPaths: paths, valuesFiles: opts.values, env: opts.env, adapters })
      : undefined;
    target = await openTarget({ env: opts.env, embeddedDataFile: DEFAULT_EMBEDDED_DATA, readOnly: true });
    out.stderr(`Exporting ${target.description}`);
    const selected = adapters.filter(
      (a) => (!opts.only || opts.only.includes(a.type)) && !opts.exclude?.includes(a.type),
    );
    const live = await readLiveState(
      adapters,
      { api: target.api, deployerClientId: await target.api.deployerClientId() },
      { types: new Set(selected.map((a) => a.type)) },
    );
    for (const missing of live.unavailable) {
      out.stderr(`Skipped ${missing.type}: the tenant does not have ${missing.feature} (${missing.detail}).`);
    }
    const exported = exportTenant(
      live,
      selected,
      JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')),
      config && ((type, key) => config.byType.get(type)?.get(key)),
    );

    const files = [...exported.files];
    if (exported.variables.length > 0) {
      files.push({
        path: VARIABLES_FILE,
        content:
          '# Secrets the exported config refers to. Set them in the environment (or a values file)\n' +
          '# before running plan or apply; their values were not exported.\n' +
          exported.variables.map((v) => `# ${v.field}\n${v.name}=\n`).join(''),
      });
    }
    const clashes = files.map((f) => join(opts.outDir, f.path)).filter((p) => existsSync(p));
    if (clashes.length > 0) {
      out.stderr(
        `Error: export never overwrites files, and these exist already:\n${clashes.map((c) => `  ${c}`).join('\n')}\n` +
          'Choose another directory with -o DIR.',
      );
      return 1;
    }
    for (const file of files) {
      const path = join(opts.outDir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.path.endsWith('.yaml') ? `${modeline(path)}${file.content}` : file.content);
    }

    const counts = Object.entries(exported.counts)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ');
    out.stdout(`Exported ${counts || 'nothing'} to ${opts.outDir}/ (system objects left out).`);
    if (paths) out.stdout(`Values config writes as \${VAR} (${paths.join(', ')}) are kept as \${VAR}.`);
    if (exported.variables.length > 0) {
      out.stdout(
        `Secrets were replaced by \${VAR} placeholders; set these ${exported.variables.length} variable(s) ` +
          `(listed in ${join(opts.outDir, VARIABLES_FILE)}):`,
      );
      for (const v of exported.variables) out.stdout(`  ${v.name}  (${v.field})`);
    }
    out.stdout(`Check it with: tenantform plan -c ${opts.outDir}`);
    return 0;
  } catch (error) {
    return reportError(error, out);
  } finally {
    await target?.close();
  }
}

/** The first line of an exported YAML file: editors that read it validate and complete with the config schema. */
function modeline(file: string): string {
  const schema = relative(dirname(file), fileURLToPath(CONFIG_SCHEMA_URL)).split('\\').join('/');
  return `# yaml-language-server: $schema=${schema}\n`;
}
