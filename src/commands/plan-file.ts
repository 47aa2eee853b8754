// Saving a plan, and loading one to apply: the tenant is read again and the plan refuses
// to run if any object it was computed from has changed since (Atlas-style fingerprints).

import { forEachMatch, parsePattern } from '../core/field-paths.ts';
import type { ConfigObject, Json } from '../core/json.ts';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { readFromConfigDir } from '../config/file-tag.ts';
import type { ManagementClient } from '../api/client.ts';
import { parseAuth0Domain } from '../api/domain.ts';
import { expandTemplate, variableLookup } from '../config/load.ts';
import { loadValuesFiles } from '../config/values-files.ts';
import { fingerprintOf } from '../planner/fingerprint.ts';
import type { Change, Plan } from '../planner/model.ts';
import { desiredForUpdate } from '../planner/plan.ts';
import { parseSavedPlan, type SavedPlan, SavedPlanError, toSavedPlan } from '../planner/saved-plan.ts';
import { adapterFor, adapters } from '../resources/index.ts';
import { type MutableRefResolver, readLiveState } from '../resources/live-state.ts';
import type { BuiltPlan } from './build-plan.ts';
import { SecretDigestBook } from '../apply/secret-digests.ts';
import { configDirOf } from './common-options.ts';

/** `configOption`: the command's -c PATH, whose directory `!file` secrets are read from again at apply. */
export function writePlanFile(
  file: string,
  built: BuiltPlan,
  target: string,
  configOption: string | undefined,
): void {
  const saved: SavedPlan = toSavedPlan(
    built.plan,
    target,
    (type, key) => built.config.byType.get(type)?.get(key),
    adapterFor,
    new Date(),
    built.config.settings.ignore ?? {},
  );
  if (saved.changes.some((c) => c.secretFiles))
    saved.configDir = relative(process.cwd(), configDirOf(configOption)).split(sep).join('/') || '.';
  // Written whole or not at all, readable by the owner only: it describes the tenant.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

export interface LoadSavedPlanOptions {
  api: ManagementClient;
  target: string;
  env: NodeJS.ProcessEnv;
  valuesFiles?: string[];
  /** apply's -c PATH: the config directory to read `!file` secrets from, instead of the plan's. */
  configOption?: string;
}

export async function loadSavedPlan(
  file: string,
  opts: LoadSavedPlanOptions,
): Promise<{ plan: Plan; refs: MutableRefResolver; digests: SecretDigestBook }> {
  const saved = parseSavedPlan(readFileSync(file, 'utf8'), file);
  if (!sameTenant(saved.target, opts.target)) {
    throw new SavedPlanError([`${file} was made for ${saved.target}, not ${opts.target}`]);
  }
  const deployerClientId = await opts.api.deployerClientId();
  // Read as the plan was made: what config named is what its changes are about.
  const named = new Map<string, Set<string>>();
  // A rename's object is still under its old key in the tenant: read it as the plan did.
  const renames = new Map<string, Map<string, string>>();
  for (const change of saved.changes) {
    named.set(change.type, (named.get(change.type) ?? new Set()).add(change.key));
    if (change.movedFrom === undefined) continue;
    named.get(change.type)!.add(change.movedFrom);
    renames.set(change.type, (renames.get(change.type) ?? new Map()).set(change.movedFrom, change.key));
  }
  const [live, digests] = await Promise.all([
    readLiveState(adapters, { api: opts.api, deployerClientId }, { named, renames }),
    SecretDigestBook.read(opts.api, opts.env),
  ]);
  for (const change of saved.changes)
    if (change.movedFrom !== undefined) digests.alias(change.address, `${change.type}.${change.movedFrom}`);
  const lookup = variableLookup(opts.env, loadValuesFiles(opts.valuesFiles ?? []).values);
  const configDir =
    opts.configOption !== undefined ? configDirOf(opts.configOption) : resolve(saved.configDir ?? '.');

  const problems: string[] = [];
  const changes = saved.changes.map((change): Change => {
    const now = live.objects.get(change.type)?.get(change.key);
    if (change.action === 'create') {
      if (now) problems.push(`${change.address} now exists in the tenant; it did not when the plan was made`);
    } else if (!now) {
      problems.push(`${change.address} no longer exists in the tenant`);
    } else if (now.id !== change.id || fingerprintOf(now.raw) !== change.fingerprint) {
      problems.push(`${change.address} has changed in the tenant since the plan was made`);
    }
    const { config, secretRefs, secretFiles, ignore, ...rest } = change;
    let desired = config
      ? adapterFor(change.type).normaliseDesired(
          readSecretFiles(
            resolveSecrets(config, secretRefs ?? [], lookup, change.address, problems),
            secretFiles ?? {},
            configDir,
            change.address,
            problems,
          ),
        )
      : undefined;
    // As a fresh plan does: defaults filled in, ignored paths as the tenant has them.
    if (desired && now && change.action === 'update')
      desired = desiredForUpdate(adapterFor(change.type), desired, now.config, ignore ?? []);
    // The live config is re-read, never taken from the file: the file holds no secrets.
    return { ...rest, desired, live: now?.config };
  });
  if (problems.length > 0) {
    throw new SavedPlanError([...problems, 'Make a new plan: tenantform plan --out …']);
  }
  return {
    plan: { changes, unchanged: saved.unchanged, unmanaged: saved.unmanaged },
    refs: live.refs,
    digests,
  };
}

function resolveSecrets(
  config: ConfigObject,
  paths: readonly string[],
  lookup: (name: string) => string | undefined,
  address: string,
  problems: string[],
): ConfigObject {
  const resolved = structuredClone(config);
  for (const path of paths) {
    forEachMatch(resolved, parsePattern(path), (container, key) => {
      const template = String((container as Record<string | number, Json>)[key as string]);
      const expansion = expandTemplate(template, lookup);
      if (expansion.missing.length > 0) {
        problems.push(
          `${address}: ${path} needs the variable ${expansion.missing.join(', ')}, which is not set`,
        );
      }
      (container as Record<string | number, Json>)[key as string] = expansion.value;
    });
  }
  return resolved;
}

/** `!file` secrets read again from the config directory, within the same bounds as when planning. */
function readSecretFiles(
  config: ConfigObject,
  files: Readonly<Record<string, string>>,
  configDir: string,
  address: string,
  problems: string[],
): ConfigObject {
  const entries = Object.entries(files);
  if (entries.length === 0) return config;
  const resolved = structuredClone(config);
  for (const [path, file] of entries) {
    forEachMatch(resolved, parsePattern(path), (container, key) => {
      try {
        (container as Record<string | number, Json>)[key as string] = readFromConfigDir(
          configDir,
          file,
        ) as Json;
      } catch (error) {
        problems.push(
          `${address}: ${path} is read from ${file} in the config directory ${configDir}, which failed: ` +
            `${(error as Error).message} (apply a saved plan where it was made, or pass -c with the config)`,
        );
      }
    });
  }
  return resolved;
}

/**
 * Whether two AUTH0_DOMAIN values name the same tenant: `acme.eu.auth0.com`,
 * `https://acme.eu.auth0.com/` and `https://ACME.eu.auth0.com/api/v2` do.
 */
function sameTenant(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return parseAuth0Domain(a).apiBaseUrl === parseAuth0Domain(b).apiBaseUrl;
  } catch {
    return false;
  }
}
