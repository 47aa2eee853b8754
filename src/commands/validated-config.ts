// Config loaded and validated with no network at all, for validate, export and the plans:
// a module of its own so that `validate` does not load the planner and the API client.

import { readFileSync } from 'node:fs';
import { ConfigError, checkReferences, loadConfig, type LoadedConfig } from '../config/load.ts';
import { compiledConfigValidator } from '../config/schema-validation.ts';
import { adapters } from '../resources/index.ts';
import type { ResourceAdapter } from '../resources/contract.ts';
import { type CommonOptions, configPaths } from './common-options.ts';

export interface ValidatedConfigOptions {
  configPaths: string[];
  valuesFiles?: string[];
  env?: NodeJS.ProcessEnv;
  adapters: readonly ResourceAdapter[];
  /** The config JSON Schema; default the committed one, built for the managed types. */
  configSchema?: object;
}

const CONFIG_SCHEMA_URL = new URL('../../schemas/tenantform.schema.json', import.meta.url);
let parsedSchema: object | undefined;

/**
 * Parsed once per process, and only when needed (tenantform.ignore paths to check): the
 * committed schema is validated by its standalone code, which does not read this file.
 */
function configSchema(): object {
  parsedSchema ??= JSON.parse(readFileSync(CONFIG_SCHEMA_URL, 'utf8')) as object;
  return parsedSchema;
}

/** Loads and validates config with no network at all: errors here never reach the tenant. */
export function loadValidatedConfig(opts: ValidatedConfigOptions): LoadedConfig {
  const config = loadConfig(opts.configPaths, {
    adapters: [...opts.adapters],
    env: opts.env,
    valuesFiles: opts.valuesFiles,
    schema: opts.configSchema ?? configSchema,
    ...(opts.configSchema === undefined && { validator: compiledConfigValidator() }),
  });
  // References into objects the config itself defines (a scope its own API does not define)
  // are wrong whatever the tenant holds: reported now, before any network call. Those that
  // may name tenant objects are checked once the tenant is read.
  const definite = checkReferences(config, [...opts.adapters], referencedKeys(config, opts.adapters));
  if (definite.length > 0) throw new ConfigError(definite);
  return config;
}

/** Every key any reference names, as if the tenant had them all (members unknown). */
function referencedKeys(
  config: LoadedConfig,
  adapters: readonly ResourceAdapter[],
): Map<string, Set<string>> {
  const byType = new Map(adapters.map((a) => [a.type, a]));
  const keys = new Map<string, Set<string>>();
  for (const object of config.objects) {
    for (const ref of byType.get(object.type)?.references(object.config) ?? []) {
      if (!keys.has(ref.type)) keys.set(ref.type, new Set());
      keys.get(ref.type)!.add(ref.key);
    }
  }
  return keys;
}

export function loadValidatedConfigFromOptions(opts: CommonOptions): LoadedConfig {
  return loadValidatedConfig({
    configPaths: configPaths(opts.config),
    valuesFiles: opts.values,
    env: opts.env,
    adapters,
  });
}
