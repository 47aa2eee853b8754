// The plan for a terminal, in Terraform's shape: one block per change, field by field, then
// the summary line.

import type { Change, Plan } from './model.ts';
import { fieldLines } from './render-value.ts';
import {
  ACTION_SYMBOL,
  describeTextChange,
  outcomeOf,
  type ReportKind,
  summaryLine,
  readingLine,
  unmanagedLine,
  untrackedSecretsLine,
} from './wording.ts';
import { oneLine } from '../core/control-chars.ts';

export interface TextRenderOptions {
  /** ANSI colours; pass false when stdout is not a TTY, with --no-color or NO_COLOR. Default true. */
  color?: boolean;
  kind?: ReportKind;
}

const ANSI = { green: 32, yellow: 33, red: 31, cyan: 36, bold: 1, dim: 2 } as const;
type Style = keyof typeof ANSI;

export function renderPlanText(plan: Plan, options: TextRenderOptions = {}): string {
  const color = options.color ?? true;
  const kind = options.kind ?? 'plan';
  const paint = (style: Style, text: string) => (color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];

  if (plan.changes.length > 0) {
    lines.push(
      kind === 'plan'
        ? 'tenantform will perform the following actions. Apply runs independent changes in parallel; ' +
            'a change that depends on another (an object it references) starts only after that one finished:'
        : 'The tenant differs from the config:',
      '',
    );
    for (const change of plan.changes) lines.push(...changeBlock(change, kind, paint), '');
  }
  lines.push(paint('bold', summaryLine(plan, kind)));
  for (const warning of plan.warnings ?? []) lines.push(paint('yellow', `Warning: ${warning}`));
  const unmanaged = unmanagedLine(plan, kind);
  if (unmanaged) {
    lines.push(paint('dim', unmanaged));
    for (const u of plan.unmanaged) lines.push(paint('dim', `  ${u.type}.${u.key}`));
  }
  const untracked = untrackedSecretsLine(plan);
  if (untracked) {
    lines.push(paint('yellow', untracked));
    for (const u of plan.untrackedSecrets ?? [])
      lines.push(paint('yellow', `  ${oneLine(u.address)}: ${oneLine(u.field)}`));
  }
  const reading = readingLine(plan);
  if (reading) lines.push(paint('dim', reading));
  return `${lines.join('\n')}\n`;
}

const ACTION_STYLE = { create: 'green', update: 'yellow', replace: 'red', delete: 'red' } as const;
const FIELD_STYLE: Record<string, Style> = { '+': 'green', '~': 'yellow', '-': 'red' };

function changeBlock(change: Change, kind: ReportKind, paint: (s: Style, t: string) => string): string[] {
  const reason =
    change.action === 'replace' && change.replaceReason?.length
      ? ` (${change.replaceReason.join(', ')} cannot be changed in place)`
      : change.note
        ? ` (${change.note})`
        : '';
  const lines = [
    paint('bold', `  # ${oneLine(change.address)} ${outcomeOf(change.action, kind)}${reason}`),
    `${paint(ACTION_STYLE[change.action], ACTION_SYMBOL[change.action].padStart(3))} ${oneLine(change.address)}`,
  ];
  const forcing = new Set(change.replaceReason ?? []);
  for (const field of change.fields) {
    const forces = change.action === 'replace' && forcing.has(field.path.split('.')[0] as string);
    fieldLines(field, change.action).forEach(({ op, depth, text }, i) => {
      const symbol = op === ' ' ? ' ' : paint(FIELD_STYLE[op] as Style, op);
      const shown = op === ' ' && text.startsWith('#') ? paint('dim', text) : text;
      const note = i === 0 && forces ? paint('red', ' # forces replacement') : '';
      lines.push(`${' '.repeat(6 + 4 * depth)}${symbol} ${shown}${note}`);
    });
    // Code is reviewed line by line; a create shows its size only, like any new value.
    const detail = change.action === 'create' ? undefined : describeTextChange(field);
    for (const { op, line } of detail ?? []) {
      const shown = op === '…' ? op : `${op} ${line}`;
      lines.push(`          ${paint(op === '+' || op === '-' ? (FIELD_STYLE[op] as Style) : 'dim', shown)}`);
    }
  }
  return lines;
}
