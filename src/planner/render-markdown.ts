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
  untrackedSecretsLine,
} from './wording.ts';
import { oneLine } from '../core/control-chars.ts';

export interface MarkdownRenderOptions {
  kind?: ReportKind;
  /** The comment's heading; default `tenantform plan` / `tenantform drift`. */
  title?: string;
  /** Characters at most (default GitHub's comment limit); details past it are left out, and said so. */
  maxLength?: number;
  /** Where a reader finds what was left out, in the closing line (e.g. the saved plan's name). */
  fullPlan?: string;
}

/** GitHub refuses comments longer than this (characters). */
export const COMMENT_LIMIT = 65_536;
/** Room kept for the line that says what was left out. */
const LEFT_OUT_RESERVE = 600;

const ACTIONS: ChangeAction[] = ['create', 'update', 'replace', 'delete'];

/**
 * The summary and the table by type always; then each type's details, then the unmanaged
 * list, while they fit in `maxLength`; then, if anything did not, a line saying what was
 * left out and where the full plan is.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const kind = options.kind ?? 'plan';
  const limit = options.maxLength ?? COMMENT_LIMIT;
  const out: string[] = [
    `### ${options.title ?? `tenantform ${kind}`}`,
    '',
    `**${summaryLine(plan, kind)}**`,
    '',
    ...(plan.warnings ?? []).flatMap((w) => [`> [!WARNING]`, `> ${w}`, '']),
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

  let length = out.join('\n').length;
  const room = () => limit - length - LEFT_OUT_RESERVE;
  let shownChanges = 0;
  let full = true;
  for (const type of types) {
    const changes = plan.changes.filter((c) => c.type === type);
    if (changes.length === 0) continue;
    const blocks = changes.map((c) => changeLines(c, kind));
    // As many of the type's changes as fit, in plan order; none once something was cut.
    let shown = full ? blocks.length : 0;
    let section = typeSection(type, changes, blocks.slice(0, shown));
    while (shown > 0 && section.length + 1 > room()) {
      shown = Math.min(shown - 1, Math.floor((shown * room()) / (section.length + 1)));
      section = typeSection(type, changes, blocks.slice(0, Math.max(shown, 0)));
    }
    if (shown < blocks.length) full = false;
    if (shown <= 0) continue;
    out.push(section);
    length += section.length + 1;
    shownChanges += shown;
  }

  const untracked = untrackedSecretsLine(plan);
  if (untracked) {
    const section = [
      '<details>',
      `<summary>Write-only secrets not tracked: ${plan.untrackedSecrets?.length}</summary>`,
      '',
      untracked,
      '',
      ...(plan.untrackedSecrets ?? []).map((u) => `- \`${cell(u.address)}\`: \`${cell(u.field)}\``),
      '',
      '</details>',
      '',
    ].join('\n');
    if (section.length + 1 <= room()) {
      out.push(section);
      length += section.length + 1;
    }
  }

  let unmanagedShown = false;
  if (plan.unmanaged.length > 0) {
    const section = [
      '<details>',
      `<summary>Unmanaged: ${plan.unmanaged.length} in the tenant, not in the config</summary>`,
      '',
      unmanagedLine(plan, kind) as string,
      '',
      ...plan.unmanaged.map((u) => `- \`${cell(`${u.type}.${u.key}`)}\``),
      '',
      '</details>',
      '',
    ].join('\n');
    if (full && section.length + 1 <= room()) {
      out.push(section);
      unmanagedShown = true;
    }
  }

  const leftOut = plan.changes.length - shownChanges;
  if (leftOut > 0 || (plan.unmanaged.length > 0 && !unmanagedShown)) {
    const what = [
      ...(leftOut > 0 ? [`the details of ${leftOut} of ${plan.changes.length} changes`] : []),
      ...(plan.unmanaged.length > 0 && !unmanagedShown
        ? [`the list of ${plan.unmanaged.length} unmanaged objects`]
        : []),
    ].join(' and ');
    out.push(
      `**Left out:** ${what}, to keep this under ${limit.toLocaleString('en-US')} characters ` +
        `(the table above counts everything). The full plan: ${
          options.fullPlan ?? '`tenantform plan` prints it as text'
        }.`,
      '',
    );
  }
  return out.join('\n');
}

/** One type's collapsible section, with `blocks` (the first of its changes) in a diff block. */
function typeSection(type: string, changes: readonly Change[], blocks: string[][]): string {
  const counts = ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${n} to ${a}`)
    .join(', ');
  const cut = changes.length - blocks.length;
  return [
    '<details>',
    `<summary><code>${html(type)}</code>: ${counts}</summary>`,
    '',
    ...codeBlock('diff', blocks.flat()),
    ...(cut > 0
      ? ['', `…and ${cut} more ${type} ${cut === 1 ? 'change' : 'changes'}, left out for length.`]
      : []),
    '',
    '</details>',
    '',
  ].join('\n');
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
