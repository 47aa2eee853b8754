// Renames (`tenantform.moved`) in a plan. The tenant was read with the renamed objects under
// their new keys, so the planner compared each with its config like any other object and
// planned an update of its key field; here each such change learns the key it had, so every
// rendering says it is a rename and a saved plan can find the object again under its old key.

import { addressOf, type Plan } from './model.ts';

export interface PlannedRename {
  type: string;
  from: string;
  to: string;
}

export function markRenames(plan: Plan, renamed: readonly PlannedRename[]): Plan {
  if (renamed.length === 0) return plan;
  const fromOf = new Map(renamed.map((r) => [addressOf(r.type, r.to), r.from]));
  return {
    ...plan,
    changes: plan.changes.map((change) => {
      const from = fromOf.get(change.address);
      if (from === undefined || change.action === 'create' || change.action === 'delete') return change;
      const said =
        change.action === 'update'
          ? `renamed from '${from}' by tenantform.moved: the same object, its id kept`
          : `renamed from '${from}' by tenantform.moved, and replaced: it gets a new id`;
      return { ...change, movedFrom: from, note: change.note ? `${said}; ${change.note}` : said };
    }),
  };
}
