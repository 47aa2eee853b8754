/**
 * Lexer for the flattened (indentation-less) seed YAML.
 *
 * Every line of the seed starts at column 0. The lexer turns lines into
 * entries: `key: value`, `key:` (a block opens), `- scalar`, `- key: value`.
 * It tracks quoted scalars across lines (they may span many lines) and detects
 * the places where text was cut out of the middle of a line ("cuts").
 *
 * Cut-detection rules (documented here, counted by the caller):
 *  C1. Inside a multi-line quoted (or plain) scalar, a continuation line that
 *      is unmistakably structure (`identifier:` alone on a line, a status code
 *      key, a path key, or `keyword: value` for a well-known OpenAPI/JSON Schema
 *      keyword) cannot be string text: the string was cut. It is closed at the
 *      previous line.
 *  C2. A single-quoted scalar whose line ends in `\` followed by a line that
 *      starts with `\` continues in double-quoted style: the text after the
 *      opening line belongs to some other (double-quoted) string. The string is
 *      closed at its opening line; the foreign lines are junk.
 *  C3. A line outside any quote that is not an entry (no `key:`, no `- `) and
 *      carries an unbalanced quote (e.g. a lone `'`) is the tail of a string
 *      whose opening was cut away: the junk ends there.
 *  C4. A plain scalar continued by a line starting with `\ ` (double-quoted
 *      escape style) is a cut as well.
 * Junk lines (text between a cut and the point where structure resumes) are
 * reported, never parsed.
 */
import { parse as yamlParse } from 'yaml';

export interface Entry {
  /** 1-based first line in the seed */
  line: number;
  /** 1-based last line in the seed */
  endLine: number;
  dash: boolean;
  key?: string;
  /** an inline value is present (`key: value` or `- value`) */
  hasValue: boolean;
  value?: unknown;
  /** the scalar was closed at a detected cut */
  cut?: boolean;
}

export interface CutInfo {
  /** line at which the cut was detected (string closed / junk ended) */
  line: number;
  rule: string;
  junk: [number, number] | null;
}

export interface LexResult {
  entries: Entry[];
  cuts: CutInfo[];
  /** lines that were neither entries nor string text */
  junkLines: number[];
}

const KEY_RE = /^(?:'((?:[^']|'')*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_$/.][\s\S]*?))[ \t]*:(?:[ \t]+(.*))?$/;

const STRONG_KEYS = new Set([
  'tags',
  'summary',
  'description',
  'operationId',
  'type',
  'name',
  'in',
  'required',
  'schema',
  '$ref',
  'format',
  'enum',
  'items',
  'properties',
  'additionalProperties',
  'default',
  'maxLength',
  'minLength',
  'security',
  'responses',
  'parameters',
  'content',
  'requestBody',
]);

/** C1: a line that can only be structure, never the continuation of a string. */
export function isStructuralLine(s: string): boolean {
  if (/^[A-Za-z_$][\w$.-]*:$/.test(s)) return true;
  if (/^'\d{3}':$/.test(s)) return true;
  if (/^\/[^\s]*:$/.test(s)) return true;
  const m = /^(?:- )?([A-Za-z$][\w$-]*): \S/.exec(s);
  if (m && (STRONG_KEYS.has(m[1]) || m[1].startsWith('x-'))) return true;
  return false;
}

/** index just after the closing quote of a single-quoted scalar starting at `from` (after the opening quote), or -1 */
function scanSingle(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === "'") {
      if (s[i + 1] === "'") {
        i++;
        continue;
      }
      return i + 1;
    }
  }
  return -1;
}

function scanDouble(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') return i + 1;
  }
  return -1;
}

function hasUnbalancedQuote(s: string): boolean {
  let single = 0;
  let dbl = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && s[i + 1] === '"') {
      i++;
      continue;
    }
    if (c === "'") {
      if (s[i + 1] === "'") {
        i++;
        continue;
      }
      single++;
    } else if (c === '"') dbl++;
  }
  return single % 2 === 1 || dbl % 2 === 1;
}

/** the closing end of a quoted string: a lone quote, or text ending in an unescaped `"` after a `\` line start */
function isLoneQuoteTail(s: string): boolean {
  if (/^['"]$/.test(s)) return true;
  if (s.startsWith('\\') && /[^\\]"$/.test(s)) return true;
  return false;
}

const INT_RE = /^[-+]?(?:0|[1-9][0-9]*)$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** YAML 1.2 core schema resolution of a plain scalar. */
export function plainScalar(s: string): unknown {
  const t = s.trim();
  if (t === '' || t === '~' || t === 'null' || t === 'Null' || t === 'NULL') return null;
  if (t === 'true' || t === 'True' || t === 'TRUE') return true;
  if (t === 'false' || t === 'False' || t === 'FALSE') return false;
  if (INT_RE.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : t;
  }
  if (FLOAT_RE.test(t) && /[0-9]/.test(t)) return Number(t);
  if (t === '.inf' || t === '+.inf') return Number.POSITIVE_INFINITY;
  if (t === '-.inf') return Number.NEGATIVE_INFINITY;
  return t;
}

/** Parse a (possibly multi-line) quoted or flow scalar text with the yaml library. */
function parseQuoted(lines: string[]): unknown {
  if (lines.length === 1) {
    const s = lines[0];
    if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) return s.slice(1, -1).replace(/''/g, "'");
    // JSON string escapes are a subset of YAML double-quoted escapes: try the fast path first
    if (s.startsWith('"') && s.endsWith('"') && !/\\[0abtvfeN_LP x/]|\t/.test(s)) {
      try {
        return JSON.parse(s);
      } catch {
        // fall through to the yaml parser
      }
    }
  }
  // Lost blank lines: a lone closing quote means the original string ended with a newline.
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && lines[0].startsWith("'") && i === lines.length - 1 && lines[i] === "'") out.push('');
    out.push(i === 0 ? lines[i] : ` ${lines[i]}`);
  }
  const doc = `v: ${out.join('\n')}\n`;
  try {
    const v = yamlParse(doc) as { v: unknown } | null;
    return v ? v.v : null;
  } catch {
    // Fall back to a crude reading: strip the quotes, fold the lines.
    const joined = lines.join(' ');
    return joined.replace(/^['"]/, '').replace(/['"]$/, '');
  }
}

interface Head {
  dash: boolean;
  key?: string;
  rest?: string; // inline value text (for keys) or item text (for dash scalars)
}

function headOf(line: string): Head | null {
  let dash = false;
  let s = line;
  if (s === '-') return { dash: true };
  if (s.startsWith('- ')) {
    dash = true;
    s = s.slice(2);
  }
  const m = KEY_RE.exec(s);
  if (m && !(dash && (s.startsWith("'") || s.startsWith('"')) && m[1] === undefined && m[2] === undefined)) {
    const key =
      m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] !== undefined ? JSON.parse(`"${m[2]}"`) : m[3];
    // a flow value like `[a, b]` or a quoted scalar starting a key must not be mistaken
    if (m[3] !== undefined && /^[[{]/.test(s)) {
      // fallthrough to scalar
    } else {
      return { dash, key, rest: m[4] };
    }
  }
  if (dash) return { dash, rest: s };
  return null;
}

export function lex(text: string): LexResult {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const entries: Entry[] = [];
  const cuts: CutInfo[] = [];
  const junkLines: number[] = [];
  let i = 0;
  /** after a cut, non-entry lines are junk until structure resumes */
  const junkUntilStructure = (from: number, rule: string, cutLine: number): number => {
    let j = from;
    while (j < lines.length && headOf(lines[j]) === null) {
      junkLines.push(j + 1);
      j++;
    }
    cuts.push({ line: cutLine, rule, junk: j > from ? [from + 1, j] : null });
    return j;
  };
  while (i < lines.length) {
    const raw = lines[i];
    const head = headOf(raw);
    if (head === null) {
      // a stray line outside any scalar
      junkLines.push(i + 1);
      if (isLoneQuoteTail(raw))
        cuts.push({ line: i + 1, rule: 'C3 stray unbalanced quote', junk: [i + 1, i + 1] });
      i++;
      continue;
    }
    const entry: Entry = { line: i + 1, endLine: i + 1, dash: head.dash, hasValue: false };
    if (head.key !== undefined) entry.key = head.key;
    const rest = head.rest;
    if (rest === undefined || rest === '') {
      entries.push(entry);
      i++;
      continue;
    }
    entry.hasValue = true;
    const q = rest[0];
    if (q === "'" || q === '"') {
      const scan = q === "'" ? scanSingle : scanDouble;
      const end = scan(rest, 1);
      if (end !== -1) {
        entry.value = parseQuoted([rest]);
        entries.push(entry);
        i++;
        continue;
      }
      // multi-line quoted scalar
      const parts = [rest];
      let j = i + 1;
      let closed = false;
      let cutAt = -1;
      // C2: single-quoted string continued in double-quoted escape style
      if (q === "'" && /\\$/.test(rest) && j < lines.length && lines[j].startsWith('\\')) {
        entry.value = rest.slice(1, -1).replace(/''/g, "'");
        entry.cut = true;
        entries.push(entry);
        // the foreign double-quoted text runs until its closing quote or structure
        let k = j;
        while (k < lines.length && !isStructuralLine(lines[k])) {
          junkLines.push(k + 1);
          const s = lines[k];
          const e = scanDouble(s, 0);
          k++;
          if (e !== -1) break;
        }
        // any remaining non-entry lines are junk too
        const after = junkUntilStructure(
          k,
          'C2 single-quoted string continued in double-quoted style',
          i + 1,
        );
        cuts[cuts.length - 1].junk = [j + 1, after];
        i = after;
        continue;
      }
      while (j < lines.length) {
        const s = lines[j];
        if (isStructuralLine(s)) {
          cutAt = j;
          break;
        }
        parts.push(s);
        const e = scan(s, 0);
        j++;
        if (e !== -1) {
          closed = true;
          break;
        }
      }
      entry.endLine = j;
      if (closed) {
        entry.value = parseQuoted(parts);
      } else {
        // C1: cut detected. Close the string with what we have.
        entry.cut = true;
        const body = parts
          .map((p, k) => (k === 0 ? p.slice(1) : p))
          .join(' ')
          .replace(/\\\s/g, ' ');
        entry.value = body.trim();
        cuts.push({ line: j, rule: 'C1 quoted string runs into structure', junk: null });
      }
      entries.push(entry);
      i = cutAt !== -1 ? cutAt : j;
      continue;
    }
    if (q === '[' || q === '{') {
      try {
        entry.value = (yamlParse(`v: ${rest}\n`) as { v: unknown }).v;
      } catch {
        entry.value = rest;
      }
      entries.push(entry);
      i++;
      continue;
    }
    // plain scalar, possibly continued on following non-entry lines
    const parts = [rest];
    let j = i + 1;
    let cut = false;
    while (j < lines.length && headOf(lines[j]) === null && !isStructuralLine(lines[j])) {
      const s = lines[j];
      if (s.startsWith('\\') || isLoneQuoteTail(s)) {
        // C3/C4: the tail of a string whose beginning was cut away
        cut = true;
        break;
      }
      parts.push(s);
      j++;
    }
    entry.value = plainScalar(parts.join(' '));
    entry.endLine = j;
    if (cut) {
      entry.cut = true;
      entries.push(entry);
      // junk: lines up to and including the one with the unbalanced quote, then until structure
      let k = j;
      while (k < lines.length && headOf(lines[k]) === null) {
        junkLines.push(k + 1);
        k++;
        if (isLoneQuoteTail(lines[k - 1]) || hasUnbalancedQuote(lines[k - 1])) break;
      }
      const after = junkUntilStructure(k, 'C3 plain scalar continued by the tail of a cut string', k);
      cuts[cuts.length - 1].junk = [j + 1, after];
      i = after;
      continue;
    }
    entries.push(entry);
    i = j;
  }
  return { entries, cuts, junkLines };
}
