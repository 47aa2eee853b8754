// The plan as a pull-request comment: the summary, a table by type, then the details of
// each type in a collapsible section. Secrets masked like everywhere else.

import type { Change, ChangeAction, Plan } from './model.ts';
import { fieldLines } from './render-value.ts';
import {
  ACTION_SYMBOL,
  describeTextChange,
  outcomeOf,
  type ReportKind,
  summaryLine,
  unmanagedLine,
} from './wording.ts';
import { oneLine } from '../core/control-chars.ts';

export interface MarkdownRenderOptions {
  kind?: ReportKind;
  /** The comment's heading; default `tenantform plan` / `tenantform drift`. */
  title?: string;
}

const ACTIONS: ChangeAction[] = ['create', 'update', 'replace', 'delete'];

export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const kind = options.kind ?? 'plan';
  const out: string[] = [
    `### ${options.title ?? `tenantform ${kind}`}`,
    '',
    `**${summaryLine(plan, kind)}**`,
    '',
  ];

  const types = typesIn(plan);
  if (types.length > 0) {
    out.push(
      '| Type | Create | Update | Replace | Delete | Unchanged | Unmanaged |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const type of types) {
      const counts = ACTIONS.map((a) => plan.changes.filter((c) => c.type === type && c.action === a).length);
      const unmanaged = plan.unmanaged.filter((u) => u.type === type).length;
      out.push(`| \`${cell(type)}\` | ${[...counts, plan.unchanged[type] ?? 0, unmanaged].join(' | ')} |`);
    }
    out.push('');
  }

  for (const type of types) {
    const changes = plan.changes.filter((c) => c.type === type);
    if (changes.length === 0) continue;
    const counts = ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length] as const)
      .filter(([, n]) => n > 0)
      .map(([a, n]) => `${n} to ${a}`)
      .join(', ');
    out.push('<details>', `<summary><code>${html(type)}</code>: ${counts}</summary>`, '');
    out.push(
      ...codeBlock(
        'diff',
        changes.flatMap((c) => changeLines(c, kind)),
      ),
      '',
      '</details>',
      '',
    );
  }

  if (plan.unmanaged.length > 0) {
    out.push(
      '<details>',
      `<summary>Unmanaged: ${plan.unmanaged.length} in the tenant, not in the config</summary>`,
      '',
      unmanagedLine(plan) as string,
      '',
      ...plan.unmanaged.map((u) => `- \`${cell(`${u.type}.${u.key}`)}\``),
      '',
      '</details>',
      '',
    );
  }
  return out.join('\n');
}

function typesIn(plan: Plan): string[] {
  const seen = new Set<string>();
  for (const c of plan.changes) seen.add(c.type);
  for (const type of Object.keys(plan.unchanged)) seen.add(type);
  for (const u of plan.unmanaged) seen.add(u.type);
  return [...seen].sort();
}

function changeLines(change: Change, kind: ReportKind): string[] {
  const reason = change.replaceReason?.length
    ? ` (${change.replaceReason.join(', ')} cannot be changed in place)`
    : change.note
      ? ` (${change.note})`
      : '';
  const symbol = ACTION_SYMBOL[change.action];
  // In a diff block only `+` and `-` lines are coloured: a replace is shown as both.
  const head = change.action === 'replace' ? '-' : symbol === '~' ? '!' : symbol;
  const lines = [`${head} ${cell(change.address)}: ${outcomeOf(change.action, kind)}${reason}`];
  for (const field of change.fields) {
    // A value added or removed whole is coloured down to its closing bracket.
    for (const { op, depth, text, closes } of fieldLines(field, change.action))
      lines.push(`${op === '~' ? '!' : (closes ?? op)}${' '.repeat(5 + 4 * depth)}${text}`);
    const detail = change.action === 'create' ? undefined : describeTextChange(field);
    for (const { op, line } of detail ?? [])
      lines.push(`${op === '…' ? ' ' : op}         ${op === '…' ? '…' : line}`);
  }
  return lines;
}

/** A fenced block whose fence is longer than any run of backticks inside (action code can hold some). */
function codeBlock(language: string, lines: string[]): string[] {
  const longest = Math.max(
    0,
    ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence + language, ...lines, fence];
}

function cell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|').replace(/`/g, "'");
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
