// The plan as stable machine-readable JSON (`--format json`), documented in docs/plan-json.md.
// It carries no secret values: sensitive fields read `(sensitive)`, and neither the full
// desired nor the full live config is included.

import type { Json } from '../core/json.ts';
import { SENSITIVE } from './diff.ts';
import type { Address, ChangeAction, FieldChange, Plan, PlanSummary, ReadingReport } from './model.ts';
import { summarise } from './model.ts';
import type { ReportKind } from './wording.ts';

export const PLAN_JSON_FORMAT_VERSION = 1;

export interface PlanJson {
  formatVersion: 1;
  kind: ReportKind;
  summary: PlanSummary;
  changes: PlanJsonChange[];
  unchanged: Record<string, number>;
  unmanaged: { address: Address; type: string; key: string }[];
  /** Write-only secrets the plan cannot compare (no digest); written only with --rotate. */
  untrackedSecrets?: { address: Address; field: string }[];
  /** Present when the plan was made from a live read. */
  reading?: ReadingReport;
  warnings: string[];
}

export interface PlanJsonChange {
  address: Address;
  type: string;
  key: string;
  action: ChangeAction;
  id?: string;
  replaceReason?: string[];
  note?: string;
  /** The key the tenant has the object under (a rename, `tenantform.moved`). */
  movedFrom?: string;
  dependsOn: Address[];
  fingerprint?: string;
  fields: FieldChange[];
}

export function planToJson(plan: Plan, kind: ReportKind = 'plan'): PlanJson {
  return {
    formatVersion: PLAN_JSON_FORMAT_VERSION,
    kind,
    summary: summarise(plan),
    changes: plan.changes.map((c) => ({
      address: c.address,
      type: c.type,
      key: c.key,
      action: c.action,
      ...(c.id !== undefined && { id: c.id }),
      ...(c.replaceReason && { replaceReason: [...c.replaceReason] }),
      ...(c.note && { note: c.note }),
      ...(c.movedFrom !== undefined && { movedFrom: c.movedFrom }),
      dependsOn: [...c.dependsOn],
      ...(c.fingerprint !== undefined && { fingerprint: c.fingerprint }),
      fields: c.fields.map(maskedField),
    })),
    unchanged: Object.fromEntries(
      Object.entries(plan.unchanged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    unmanaged: plan.unmanaged.map((u) => ({ address: `${u.type}.${u.key}`, type: u.type, key: u.key })),
    ...(plan.untrackedSecrets?.length && { untrackedSecrets: plan.untrackedSecrets.map((u) => ({ ...u })) }),
    ...(plan.reading && { reading: plan.reading }),
    warnings: plan.warnings ?? [],
  };
}

export function renderPlanJson(plan: Plan, kind: ReportKind = 'plan'): string {
  return `${JSON.stringify(planToJson(plan, kind), null, 2)}\n`;
}

// The diff already masks secrets; this holds even for a plan built or edited elsewhere.
function maskedField(field: FieldChange): FieldChange {
  const out: FieldChange = { path: field.path };
  const mask = (v: Json | undefined) => (field.sensitive ? SENSITIVE : v);
  if (field.before !== undefined) out.before = mask(field.before);
  if (field.after !== undefined) out.after = mask(field.after);
  if (field.sensitive) out.sensitive = true;
  if (field.sensitive && field.secretWrite) out.secretWrite = field.secretWrite;
  if (field.label !== undefined) out.label = field.label;
  return out;
}
