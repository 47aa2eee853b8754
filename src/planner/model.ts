// The plan: the one description of what apply will do. plan prints it, --out saves it,
// apply executes exactly its changes and nothing else.

import type { ConfigObject, Json } from '../core/json.ts';
import type { ResourceAdapter } from '../resources/contract.ts';
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
  /**
   * A secret written though the diff cannot show it (write-only, or sent again with its
   * parent object): why, in words (`changed in config`). Always with sensitive.
   */
  secretWrite?: string;
  /** How renderers name the field where the path's indices say less (`secrets[API_KEY].value`). */
  label?: string;
  /** Fields that identify the elements of arrays in this field (a scope by its value), for element-wise output. */
  elementKeys?: readonly (readonly string[])[];
}

export interface Change {
  address: Address;
  type: string;
  key: string;
  action: ChangeAction;
  /** Live API id, for update, replace and delete. */
  id?: string;
  /**
   * Field-level differences, for display only: secret values are already masked here.
   * Create: every top-level field; update/replace: what differs; delete: none.
   */
  fields: FieldChange[];
  /**
   * Top-level fields to send: for an update those that differ, for a create or a replace
   * (whose second half is a create) every desired field.
   */
  changed: string[];
  /**
   * Desired config (create, update, replace), secrets included: never print or save it as is.
   * For an update, `ignore:` paths hold the live values, so sending a parent object keeps them.
   */
  desired?: ConfigObject;
  /** Live config (update, replace, delete). */
  live?: ConfigObject;
  /** Addresses of changes that must finish before this one starts (filled in by the graph). */
  dependsOn: Address[];
  /** Why a replace is needed: the immutable fields that differ. */
  replaceReason?: string[];
  /** Said with the change in every rendering (an update of a system object, limited to some fields). */
  note?: string;
  /** The key the tenant has the object under, when config renamed it (`tenantform.moved`): the change keeps its id. */
  movedFrom?: string;
  /** `sha256:<hex>` of the canonical JSON of the raw live object (update, replace, delete), for saved plans. */
  fingerprint?: string;
}

export interface Plan {
  /** In topological order: each change after everything in its dependsOn. */
  changes: Change[];
  /** Objects present in config and tenant that need no change, per type. */
  unchanged: Record<string, number>;
  /** Objects in the tenant but not in config, left alone because deletion is not allowed. */
  unmanaged: { type: string; key: string }[];
  /** Said before the plan is applied: a likely rename, a targeted (partial) plan. */
  warnings?: string[];
  /**
   * Write-only secrets in config the tenant holds no digest of (tenantform did not write
   * them): whether they differ cannot be known, so they are written only with --rotate.
   */
  untrackedSecrets?: { address: Address; field: string }[];
  /** How reading the tenant went, when the plan was made from a live read. */
  reading?: ReadingReport;
}

/** What a plan's wait was spent on: reading the tenant, and the reads it took one per object. */
export interface ReadingReport {
  ms: number;
  /** Requests sent while reading (retries included). */
  calls: number;
  /** Reads the API has no bulk form of, one per object, by type and field; most first. */
  perObject: { type: string; field: string; calls: number }[];
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

/** The part of the adapter contract planning uses. */
export type PlannerAdapter = Pick<
  ResourceAdapter,
  'type' | 'references' | 'immutableFields' | 'secretPaths' | 'deleteByDefault'
> &
  Partial<
    Pick<
      ResourceAdapter,
      | 'section'
      | 'convergenceFields'
      | 'compare'
      | 'defaultsOf'
      | 'elementKeys'
      | 'dependsOnTypes'
      | 'resetByTypes'
      | 'systemEditable'
      | 'keyFields'
      | 'writeOnlyPaths'
      | 'unreadable'
      | 'renamable'
    >
  >;
