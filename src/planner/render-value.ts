// Nested values of a change as indented lines, the way Terraform prints a plan: objects and
// arrays one field or element per line, and an array that changes shown element by element.
// Renderer-neutral: the text and Markdown renderers only choose indentation and colours.
//
// Secrets: values arrive masked (diff.ts replaces every secret, nested ones included, by
// `(sensitive)` before a value leaves it), and a field marked sensitive is never opened up.

import { canonicalJson, isPlainObject, type Json } from '../core/json.ts';
import { SENSITIVE } from './diff.ts';
import type { ChangeAction, FieldChange } from './model.ts';
import { alignSequences } from './alignment.ts';
import { formatValue } from './wording.ts';

/** `+` added, `-` removed, `~` changed, ` ` context (identity fields, brackets, hidden counts). */
export type LineOp = '+' | '-' | '~' | ' ';

/** One line of a field: depth 0 is the field itself, each level of nesting adds one. */
export interface ValueLine {
  op: LineOp;
  depth: number;
  text: string;
  /** On the closing bracket of a value shown whole: that value's op (a diff block colours it so). */
  closes?: '+' | '-';
}

/**
 * Fields that may identify an element of an array of objects inside a field (its type's
 * declared element keys, FieldChange.elementKeys), tried in order: the first that every
 * element on both sides has, with a plain value, unique on each side, is used.
 */
type Identities = readonly (readonly string[])[];

/** Beyond this many element comparisons an array change is shown as old → new. */
const MAX_CELLS = 1_000_000;

/**
 * The lines of one field of a change. A create writes `path = value`, an update
 * `path: old → new`; non-empty objects and arrays open into blocks, and an array that
 * changes lists the elements added, removed and changed, with unchanged runs counted.
 */
export function fieldLines(field: FieldChange, action: ChangeAction): ValueLine[] {
  const { path, before, after } = field;
  if (field.sensitive) {
    const op: LineOp = action === 'create' || before === undefined ? '+' : after === undefined ? '-' : '~';
    const shown = field.secretWrite ? `(sensitive, ${field.secretWrite})` : SENSITIVE;
    return [{ op, depth: 0, text: `${field.label ?? path}${action === 'create' ? ' = ' : ': '}${shown}` }];
  }
  if (action === 'create') return whole('+', path, after, 0, ' = ');
  if (before === undefined) return whole('+', path, after, 0, ': ');
  if (after === undefined) return whole('-', path, before, 0, ': ');
  return changed(path, before, after, 0, field.elementKeys ?? []);
}

/** A value shown in full, every line with the same op. */
function whole(op: LineOp, label: string | undefined, value: Json | undefined, depth: number, sep: string) {
  const head = (text: string) => (label === undefined ? text : `${label}${sep}${text}`);
  const close = (text: string): ValueLine =>
    op === '+' || op === '-' ? { op: ' ', depth, text, closes: op } : { op: ' ', depth, text };
  const lines: ValueLine[] = [];
  if (Array.isArray(value) && value.length > 0) {
    lines.push({ op, depth, text: head('[') });
    for (const element of value) lines.push(...whole(op, undefined, element, depth + 1, sep));
    lines.push(close(']'));
  } else if (isPlainObject(value) && Object.keys(value).length > 0) {
    lines.push({ op, depth, text: head('{') });
    for (const [key, v] of Object.entries(value)) lines.push(...whole(op, key, v as Json, depth + 1, sep));
    lines.push(close('}'));
  } else {
    lines.push({ op, depth, text: head(formatValue(value)) });
  }
  return lines;
}

/** An update's difference between two values, which differ (perhaps only in secrets). */
function changed(
  label: string | undefined,
  before: Json,
  after: Json,
  depth: number,
  identities: Identities,
): ValueLine[] {
  // Equal but for masked secrets: what differs is a secret.
  if (compare(before, after) === 'masked') return [{ op: '~', depth, text: labelled(label, SENSITIVE) }];
  if (Array.isArray(before) && Array.isArray(after))
    return arrayChange(label, before, after, depth, identities);
  if (isPlainObject(before) && isPlainObject(after)) {
    return [
      { op: '~', depth, text: labelled(label, '{') },
      ...objectChange(
        before as Record<string, Json>,
        after as Record<string, Json>,
        depth + 1,
        [],
        identities,
      ),
      { op: ' ', depth, text: '}' },
    ];
  }
  if (isBlock(before) || isBlock(after)) {
    // A value that changes shape (text to object, say): the old one out, the new one in.
    return [...whole('-', label, before, depth, ': '), ...whole('+', label, after, depth, ': ')];
  }
  return [{ op: '~', depth, text: labelled(label, `${formatValue(before)} → ${formatValue(after)}`) }];
}

/** Keys added, removed and changed; unchanged ones counted, except the identifying ones. */
function objectChange(
  before: Record<string, Json>,
  after: Record<string, Json>,
  depth: number,
  identity: readonly string[],
  identities: Identities,
): ValueLine[] {
  const lines: ValueLine[] = [];
  let hidden = 0;
  const keys = [...Object.keys(after), ...Object.keys(before).filter((k) => !Object.hasOwn(after, k))];
  for (const key of keys) {
    const b = before[key];
    const a = after[key];
    if (a === undefined) lines.push(...whole('-', key, b, depth, ': '));
    else if (b === undefined) lines.push(...whole('+', key, a, depth, ': '));
    else {
      const same = compare(b, a);
      if (same === 'differs') lines.push(...changed(key, b, a, depth, identities));
      else if (same === 'masked' || identity.includes(key)) lines.push(...whole(' ', key, a, depth, ': '));
      else hidden++;
    }
  }
  if (hidden > 0) lines.push(hiddenLine(hidden, 'attribute', depth));
  return lines;
}

/**
 * Elements matched by their natural key when they have one (so a changed element shows
 * what changed in it), by their whole value otherwise (a changed element is then shown as
 * the old one removed and the new one added), in order, with unchanged runs counted.
 */
function arrayChange(
  label: string | undefined,
  before: Json[],
  after: Json[],
  depth: number,
  identities: Identities,
): ValueLine[] {
  const identity = naturalKey(before, after, identities);
  const keyOf = (element: Json) =>
    identity
      ? JSON.stringify(identity.map((f) => (element as Record<string, Json>)[f]))
      : canonicalJson(element);
  const steps = alignSequences(before.map(keyOf), after.map(keyOf), MAX_CELLS);
  if (!steps) return [...whole('-', label, before, depth, ': '), ...whole('+', label, after, depth, ': ')];

  const inner: ValueLine[] = [];
  let unchanged = 0;
  const flush = () => {
    if (unchanged > 0) inner.push(hiddenLine(unchanged, 'element', depth + 1));
    unchanged = 0;
  };
  for (const step of steps) {
    const b = step.before === undefined ? undefined : (before[step.before] as Json);
    const a = step.after === undefined ? undefined : (after[step.after] as Json);
    const same = b !== undefined && a !== undefined ? compare(b, a) : 'differs';
    if (same === 'same') {
      unchanged++;
      continue;
    }
    flush();
    if (a === undefined) inner.push(...whole('-', undefined, b, depth + 1, ': '));
    else if (b === undefined) inner.push(...whole('+', undefined, a, depth + 1, ': '));
    else if (!identity) inner.push(...whole(' ', undefined, a, depth + 1, ': '));
    else {
      // Same natural key, different content (or secrets that may differ).
      inner.push(
        { op: same === 'masked' ? ' ' : '~', depth: depth + 1, text: '{' },
        ...objectChange(
          b as Record<string, Json>,
          a as Record<string, Json>,
          depth + 2,
          identity,
          identities,
        ),
        { op: ' ', depth: depth + 1, text: '}' },
      );
    }
  }
  flush();
  // Secrets are masked on both sides, so a change that is only in a secret looks like none.
  if (!inner.some((l) => l.op !== ' ')) return [{ op: '~', depth, text: labelled(label, SENSITIVE) }];
  return [{ op: '~', depth, text: labelled(label, '[') }, ...inner, { op: ' ', depth, text: ']' }];
}

function naturalKey(
  before: readonly Json[],
  after: readonly Json[],
  identities: Identities,
): readonly string[] | undefined {
  const elements = [...before, ...after];
  if (!elements.every((e) => isPlainObject(e))) return undefined;
  return identities.find((fields) => {
    const usable = (e: Json) =>
      fields.every((f) => {
        const v = (e as Record<string, Json>)[f];
        return (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && v !== SENSITIVE;
      });
    if (!elements.every(usable)) return false;
    const unique = (side: readonly Json[]) =>
      new Set(side.map((e) => JSON.stringify(fields.map((f) => (e as Record<string, Json>)[f])))).size ===
      side.length;
    return unique(before) && unique(after);
  });
}

function hiddenLine(count: number, what: string, depth: number): ValueLine {
  return { op: ' ', depth, text: `# (${count} unchanged ${what}${count === 1 ? '' : 's'} hidden)` };
}

function labelled(label: string | undefined, text: string): string {
  return label === undefined ? text : `${label}: ${text}`;
}

function isBlock(value: Json): boolean {
  return (Array.isArray(value) || isPlainObject(value)) && Object.keys(value).length > 0;
}

/**
 * `masked` when the values are equal except where both hold `(sensitive)`: the secrets
 * behind them may differ, so such a value is neither called unchanged nor changed.
 */
function compare(a: Json, b: Json): 'same' | 'masked' | 'differs' {
  if (a === SENSITIVE && b === SENSITIVE) return 'masked';
  if (a === b) return 'same';
  let pairs: [Json, Json][];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return 'differs';
    pairs = a.map((v, i) => [v, b[i] as Json]);
  } else if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length || !keys.every((k) => Object.hasOwn(b, k))) return 'differs';
    pairs = keys.map((k) => [a[k] as Json, b[k] as Json]);
  } else {
    return 'differs';
  }
  let result: 'same' | 'masked' = 'same';
  for (const [x, y] of pairs) {
    const c = compare(x, y);
    if (c === 'differs') return c;
    if (c === 'masked') result = c;
  }
  return result;
}
