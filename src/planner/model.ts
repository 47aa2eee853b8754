// The plan: the one description of what apply will do. plan prints it, --out saves it,
// apply executes exactly its changes and nothing else.

import type { ConfigObject, Json } from '../resources/contract.ts';

export type ChangeAction = 'create' | 'update' | 'replace' | 'delete';

/** Address of an object: `${type}.${key}` e.g. `clients.My SPA`. */
export type Address = string;

export function addressOf(type: string, key: string): Address {
  return `${type}.${key}`;
}

export interface FieldChange {
  /** Dotted path from the object root: `callbacks`, `options.mfa.active`. */
  path: string;
  before?: Json;
  after?: Json;
  /** True when the field is a secret: renderers print `(sensitive)`, saved plans store no value. */
  sensitive?: boolean;
}

export interface Change {
  address: Address;
  type: string;
  key: string;
  action: ChangeAction;
  /** Live API id, for update, replace and delete. */
  id?: string;
  /** Field-level differences, for display (update and replace) and to know what to send (update). */
  fields: FieldChange[];
  /** Top-level fields that differ (what an update sends). */
  changed: string[];
  /** Desired config (create, update, replace). */
  desired?: ConfigObject;
  /** Live config (update, replace, delete). */
  live?: ConfigObject;
  /** Addresses of changes that must finish before this one starts. */
  dependsOn: Address[];
  /** Why a replace is needed: the immutable fields that differ. */
  replaceReason?: string[];
  /** Hash of the raw live object this change was computed from (saved plans). */
  fingerprint?: string;
}

export interface Plan {
  changes: Change[];
  /** Objects present in config and tenant that need no change, per type. */
  unchanged: Record<string, number>;
  /** Objects in the tenant but not in config, left alone because deletion is not allowed. */
  unmanaged: { type: string; key: string }[];
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  unchanged: number;
  unmanaged: number;
}

export function summarise(plan: Plan): PlanSummary {
  const count = (a: ChangeAction) => plan.changes.filter((c) => c.action === a).length;
  return {
    create: count('create'),
    update: count('update'),
    replace: count('replace'),
    delete: count('delete'),
    unchanged: Object.values(plan.unchanged).reduce((a, b) => a + b, 0),
    unmanaged: plan.unmanaged.length,
  };
}
