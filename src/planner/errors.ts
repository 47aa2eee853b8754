// Errors the planner reports to the user. Each message is meant to be printed as is.

import type { Address } from './model.ts';

/** The config and the tenant cannot be reconciled into a plan (a system object targeted, say). */
export class PlanError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? (problems[0] as string)
        : `The plan cannot be made:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'PlanError';
    this.problems = problems;
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
