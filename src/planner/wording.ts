// Words and value formatting shared by the text and Markdown renderers, so both say the
// same thing the same way.

import type { Json } from '../core/json.ts';
import { SENSITIVE } from './diff.ts';
import { type ChangeAction, type FieldChange, type Plan, summarise } from './model.ts';
import { diffLines, type TextDiffLine } from './text-diff.ts';

/** `plan` shows what apply will do; `drift` reports how the tenant differs from the config. */
export type ReportKind = 'plan' | 'drift';

export const ACTION_SYMBOL: Record<ChangeAction, string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
};

const OUTCOME: Record<ReportKind, Record<ChangeAction, string>> = {
  plan: {
    create: 'will be created',
    update: 'will be updated in place',
    replace: 'must be replaced',
    delete: 'will be deleted',
  },
  drift: {
    create: 'is missing from the tenant',
    update: 'differs from the config',
    replace: 'differs from the config in fields that force replacement',
    delete: 'is in the tenant but not in the config',
  },
};

export function outcomeOf(action: ChangeAction, kind: ReportKind): string {
  return OUTCOME[kind][action];
}

/**
 * `Plan: 3 to create, 2 to update, 0 to delete, 41 unchanged.` Replaces follow Terraform's
 * convention: each counts as one create and one delete, and `N to replace` is added when
 * there are any.
 */
export function summaryLine(plan: Plan, kind: ReportKind = 'plan'): string {
  const s = summarise(plan);
  if (kind === 'drift') {
    const differing = s.create + s.update + s.replace + s.delete;
    return differing === 0
      ? `No drift: the tenant matches the config (${s.unchanged} in sync).`
      : `Drift: ${differing} ${differing === 1 ? 'object differs' : 'objects differ'} from the config ` +
          `(${s.create} missing, ${s.update + s.replace} changed, ${s.delete} not in config), ${s.unchanged} in sync.`;
  }
  if (s.create + s.update + s.replace + s.delete === 0) {
    return `No changes. The tenant matches the config (${s.unchanged} unchanged).`;
  }
  const parts = [`${s.create + s.replace} to create`, `${s.update} to update`];
  if (s.replace > 0) parts.push(`${s.replace} to replace`);
  parts.push(`${s.delete + s.replace} to delete`, `${s.unchanged} unchanged`);
  return `Plan: ${parts.join(', ')}.`;
}

/**
 * The line about objects left alone, or undefined when there are none. Drift never writes,
 * so it names the commands that would delete them rather than a flag of its own.
 */
export function unmanagedLine(plan: Plan, kind: ReportKind = 'plan'): string | undefined {
  const n = plan.unmanaged.length;
  if (n === 0) return undefined;
  const perType = new Map<string, number>();
  for (const u of plan.unmanaged) perType.set(u.type, (perType.get(u.type) ?? 0) + 1);
  const detail = [...perType].map(([type, count]) => `${type}: ${count}`).join(', ');
  return (
    `${n} ${n === 1 ? 'object' : 'objects'} in the tenant ${n === 1 ? 'is' : 'are'} not in the config ` +
    `and left alone (${detail}); ` +
    (kind === 'drift'
      ? 'add them to the config (tenantform export writes them as config), or review their deletion with ' +
        '`tenantform plan --allow-delete` and apply it with `tenantform apply --allow-delete`.'
      : 'use --allow-delete to delete them.')
  );
}

/**
 * The line about write-only secrets the plan cannot compare (no digest: tenantform did not
 * write them), or undefined when there are none.
 */
export function untrackedSecretsLine(plan: Plan): string | undefined {
  const untracked = plan.untrackedSecrets ?? [];
  if (untracked.length === 0) return undefined;
  const objects = [...new Set(untracked.map((u) => u.address))];
  return (
    `${untracked.length} write-only ${untracked.length === 1 ? 'secret' : 'secrets'} in config ` +
    `${untracked.length === 1 ? 'was' : 'were'} not written by tenantform, so whether ` +
    `${untracked.length === 1 ? 'it differs' : 'they differ'} from the tenant cannot be known, and ` +
    `${untracked.length === 1 ? 'it is' : 'they are'} left as the tenant has ${untracked.length === 1 ? 'it' : 'them'}; ` +
    `to write ${untracked.length === 1 ? 'it' : 'them'} (and track ${untracked.length === 1 ? 'it' : 'them'} from then on), ` +
    `add --rotate ${objects.length === 1 ? objects[0] : 'TYPE.KEY (or --rotate all)'}:`
  );
}

/**
 * How long reading the tenant took and what it cost: `Read the tenant in 4.2 s with 340 calls;
 * 280 were one per object, the API having no bulk read (roles.permissions: 250, …).` Undefined
 * when the plan was not made from a live read.
 */
export function readingLine(plan: Plan): string | undefined {
  const reading = plan.reading;
  if (!reading) return undefined;
  const seconds = reading.ms < 1000 ? `${reading.ms} ms` : `${(reading.ms / 1000).toFixed(1)} s`;
  const head = `Read the tenant in ${seconds} with ${reading.calls} ${reading.calls === 1 ? 'call' : 'calls'}`;
  const perObject = reading.perObject.reduce((n, p) => n + p.calls, 0);
  if (perObject === 0) return `${head}.`;
  const detail = reading.perObject.map((p) => `${p.type}.${p.field}: ${p.calls}`).join(', ');
  return `${head}; ${perObject} were one per object, the API having no bulk read (${detail}).`;
}

/** A value on one line: JSON, except secrets and multi-line text (action code), which are summarised. */
export function formatValue(value: Json | undefined): string {
  if (value === undefined) return '(none)';
  if (value === SENSITIVE) return SENSITIVE;
  if (typeof value === 'string' && value.includes('\n')) return `(text, ${value.split('\n').length} lines)`;
  return JSON.stringify(value);
}

/** Line-level detail for a change to multi-line text (action code); undefined otherwise. */
export function describeTextChange(field: FieldChange): TextDiffLine[] | undefined {
  if (field.sensitive) return undefined;
  const { before, after } = field;
  const multiLine = (v: unknown) => typeof v === 'string' && v.includes('\n');
  if (!multiLine(before) && !multiLine(after)) return undefined;
  return diffLines(typeof before === 'string' ? before : '', typeof after === 'string' ? after : '');
}
