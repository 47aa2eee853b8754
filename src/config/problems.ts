// Every config error carries where it is (file, line, column), which field (a path a user
// can read back in their YAML) and what was expected. One ConfigError lists every problem
// found, so a user fixes a whole file in one round instead of one error per run.

import type { PathSegment } from '../core/field-paths.ts';
export type { PathSegment };

export interface SourcePosition {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface ConfigProblem extends SourcePosition {
  /** Field path as written in the file: `clients[1].callbacks[0]`, `clients."My SPA".callbacks`. */
  path: string;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const sorted = sortProblems(problems);
    super(
      `${sorted.length} configuration problem${sorted.length === 1 ? '' : 's'}:\n` +
        sorted.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = sorted;
  }
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** A problem with the file as a whole (unreadable, missing), not with a place in it. */
export function fileProblem(file: string, message: string): ConfigProblem {
  return { file, line: 0, column: 0, path: '', message };
}

function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * `['clients', 1, 'callbacks', 0]` → `clients[1].callbacks[0]`; keys that are not identifiers are
 * quoted. With a base (`clients."My SPA"`), the segments continue it.
 */
export function formatPath(segments: readonly PathSegment[], base = ''): string {
  let out = base;
  for (const segment of segments) out = appendSegment(out, segment);
  return out;
}

/** formatPath of one more segment. */
export function appendSegment(path: string, segment: PathSegment): string {
  if (typeof segment === 'number') return `${path}[${segment}]`;
  const name = IDENTIFIER.test(segment) ? segment : JSON.stringify(segment);
  return path ? `${path}.${name}` : name;
}

/** One segment of a JSON Pointer; most need no escape, so most are not scanned twice. */
export function escapeSegment(segment: PathSegment): string {
  if (typeof segment === 'number') return String(segment);
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON Pointer (RFC 6901), the form ajv reports instance paths in. */
export function toPointer(segments: readonly PathSegment[]): string {
  let pointer = '';
  for (const segment of segments) pointer += `/${escapeSegment(segment)}`;
  return pointer;
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
