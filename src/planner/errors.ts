// Errors the planner reports to the user. Each message is meant to be printed as is.

import type { Address } from './model.ts';

/** A problem with one object of the config, and the field of it at fault if it is one: the caller knows where it is written. */
export interface ObjectProblem {
  type: string;
  key: string;
  field?: string;
  message: string;
}

/** The config and the tenant cannot be reconciled into a plan (a system object targeted, say). */
export class PlanError extends Error {
  /** Every problem as text, those of `objects` included. */
  readonly problems: string[];
  readonly objects: ObjectProblem[];

  constructor(problems: string[], objects: ObjectProblem[] = []) {
    const all = [...problems, ...objects.map((o) => o.message)];
    super(all.length === 1 ? (all[0] as string) : `The plan cannot be made:\n  - ${all.join('\n  - ')}`);
    this.name = 'PlanError';
    this.problems = all;
    this.objects = objects;
  }
}

/** Changes that wait on each other in a ring: no order can satisfy them. */
export class DependencyCycleError extends PlanError {
  /** The addresses around the cycle, first one repeated at the end. */
  readonly cycle: Address[];

  constructor(cycle: Address[]) {
    super([`Dependency cycle: ${cycle.join(' → ')}`]);
    this.name = 'DependencyCycleError';
    this.cycle = cycle;
  }
}
