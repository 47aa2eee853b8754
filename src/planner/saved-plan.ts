// The saved plan file (`plan --out plan.json`), format version 1, documented in
// docs/plan-file.md. It holds exactly the changes apply will make, a fingerprint of every
// live object those changes were computed from, and no secret value: each secret is kept as
// the `${VAR}` reference it was written with and resolved again when the plan is applied.

import type { ConfigObject, Json } from '../core/json.ts';
import { forEachMatch, joinPath, parsePattern } from '../core/field-paths.ts';
import type { ResourceAdapter } from '../resources/contract.ts';
import type { Change, Plan } from './model.ts';
import { SENSITIVE } from './diff.ts';

export const SAVED_PLAN_FORMAT_VERSION = 1;

export interface SavedChange extends Omit<Change, 'desired' | 'live'> {
  /**
   * The object as written in config (before the adapter's normalisation), with every secret
   * replaced by its `${VAR}` reference. Absent for deletes.
   */
  config?: ConfigObject;
  /** Dotted paths in `config` that hold secret references to resolve at apply time. */
  secretRefs?: string[];
  /**
   * Secrets read with `!file`, by dotted path in `config`: the file, relative to the config
   * directory, read again at apply time (in `config` the path holds `!file <file>`).
   */
  secretFiles?: Record<string, string>;
  /**
   * Updates only: the type's `ignore:` paths when the plan was made. At apply time they take
   * the tenant's values again, so an ignored field is never sent, as with a fresh plan.
   */
  ignore?: string[];
}

export interface SavedPlan {
  formatVersion: typeof SAVED_PLAN_FORMAT_VERSION;
  kind: 'tenantform-plan';
  createdAt: string;
  /** The tenant the plan was made against (AUTH0_DOMAIN); apply refuses another. */
  target: string;
  changes: SavedChange[];
  unchanged: Record<string, number>;
  unmanaged: { type: string; key: string }[];
  /**
   * With `secretFiles`: the config directory the plan was made from, relative to the working
   * directory then; `apply` reads the files from it (or from its `-c PATH`).
   */
  configDir?: string;
}

/** What the loaded config knows of one object: its written form and its secret templates. */
export interface WrittenObject {
  config: ConfigObject;
  secretTemplates: Record<string, string>;
  /** Secrets read with `!file`: the file relative to the config directory, by dotted path. */
  secretFiles?: Record<string, string>;
}

export class SavedPlanError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1 ? problems[0] : `The saved plan cannot be used:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'SavedPlanError';
  }
}

export function toSavedPlan(
  plan: Plan,
  target: string,
  written: (type: string, key: string) => WrittenObject | undefined,
  adapterFor: (type: string) => Pick<ResourceAdapter, 'secretPaths'>,
  now: Date = new Date(),
  ignore: Readonly<Record<string, readonly string[]>> = {},
): SavedPlan {
  const problems: string[] = [];
  const changes = plan.changes.map((change): SavedChange => {
    const { desired: _desired, live: _live, ...rest } = change;
    const saved: SavedChange = { ...rest, fields: change.fields.map(maskField) };
    if (change.action === 'delete') return saved;
    const source = written(change.type, change.key);
    if (!source) throw new Error(`${change.address}: no config object for a ${change.action}`);
    const config = structuredClone(source.config);
    const secretRefs: string[] = [];
    const secretFiles: Record<string, string> = {};
    for (const pattern of adapterFor(change.type).secretPaths) {
      forEachMatch(config, parsePattern(pattern), (container, key, path) => {
        const dotted = joinPath(path);
        const template = source.secretTemplates[dotted];
        const file = source.secretFiles?.[dotted];
        if (file !== undefined) {
          (container as Record<string | number, Json>)[key as string] = `!file ${file}`;
          secretFiles[dotted] = file;
          return;
        }
        if (template === undefined) {
          problems.push(
            `${change.address}: ${dotted} is a secret written literally in config; write it as \${VAR} so a ` +
              'saved plan can refer to it instead of holding its value',
          );
          return;
        }
        (container as Record<string | number, Json>)[key as string] = template;
        secretRefs.push(dotted);
      });
    }
    const ignored = change.action === 'update' ? (ignore[change.type] ?? []) : [];
    return {
      ...saved,
      config,
      ...(secretRefs.length > 0 && { secretRefs }),
      ...(Object.keys(secretFiles).length > 0 && { secretFiles }),
      ...(ignored.length > 0 && { ignore: [...ignored] }),
    };
  });
  if (problems.length > 0) throw new SavedPlanError(problems);
  return {
    formatVersion: SAVED_PLAN_FORMAT_VERSION,
    kind: 'tenantform-plan',
    createdAt: now.toISOString(),
    target,
    changes,
    unchanged: plan.unchanged,
    unmanaged: plan.unmanaged,
  };
}

export function parseSavedPlan(text: string, file: string): SavedPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SavedPlanError([`${file} is not JSON: ${(error as Error).message}`]);
  }
  const plan = data as Partial<SavedPlan>;
  if (plan?.kind !== 'tenantform-plan') throw new SavedPlanError([`${file} is not a tenantform plan file`]);
  if (plan.formatVersion !== SAVED_PLAN_FORMAT_VERSION) {
    throw new SavedPlanError([
      `${file} has plan format version ${plan.formatVersion}; this tenantform reads version ${SAVED_PLAN_FORMAT_VERSION}`,
    ]);
  }
  if (!Array.isArray(plan.changes)) throw new SavedPlanError([`${file} has no list of changes`]);
  return plan as SavedPlan;
}

function maskField(field: Change['fields'][number]): Change['fields'][number] {
  if (!field.sensitive) return field;
  const masked = { ...field };
  if ('before' in masked) masked.before = SENSITIVE;
  if ('after' in masked) masked.after = SENSITIVE;
  return masked;
}
