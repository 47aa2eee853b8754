// The plan (or drift report) in the format the user asked for.

import type { Plan } from '../planner/model.ts';
import { renderPlanJson } from '../planner/render-json.ts';
import { renderPlanMarkdown } from '../planner/render-markdown.ts';
import { renderPlanText } from '../planner/render-text.ts';
import type { ReportKind } from '../planner/wording.ts';

export type PlanFormat = 'text' | 'json' | 'markdown';

/** `fullPlan`: where a capped Markdown plan says the rest is (a saved plan file). */
export function renderPlan(
  plan: Plan,
  format: string,
  kind: ReportKind,
  color: boolean,
  fullPlan?: string,
): string {
  if (format === 'json') return renderPlanJson(plan, kind);
  if (format === 'markdown') return renderPlanMarkdown(plan, { kind, fullPlan });
  return renderPlanText(plan, { color, kind });
}
