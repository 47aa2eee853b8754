// `${VAR}` and `${VAR:-default}` substitution in string scalars; `$${` is a literal `${`.
//
// Where a variable's value comes from, first match wins:
//   1. the environment (opts.env, by default process.env) — so a pipeline can always
//      override one value without editing a file;
//   2. the values files (`--values env/prod.yaml`), later files over earlier ones;
//   3. the default written in the template (`${VAR:-default}`).
// As in the shell, `:-` also applies when the variable is set but empty.
// A values file may also give a list or an object (StructuredLookup): config uses it as a
// whole YAML value (`callbacks: ${CALLBACKS}`), never inside text; environment variables are
// always text.

import type { Json } from '../core/json.ts';
import type { SourcePosition } from './problems.ts';

export type VariableLookup = (name: string) => string | undefined;

/** A list or object a values file gives a variable, and where the values file writes it. */
export interface StructuredValue extends SourcePosition {
  value: Json;
  kind: 'list' | 'object';
}

/** Variables holding lists and objects: only where the environment (strings only) does not set them. */
export type StructuredLookup = (name: string) => StructuredValue | undefined;

export function structuredLookup(
  env: Record<string, string | undefined>,
  structured: ReadonlyMap<string, StructuredValue>,
): StructuredLookup {
  return (name) => (env[name] === undefined ? structured.get(name) : undefined);
}

export interface Expansion {
  value: string;
  /** Whether the text held at least one variable (an escaped `$${…}` does not count). */
  hasVariables: boolean;
  /** Variables with no value and no default. */
  missing: string[];
  /** Set when a `${` is not a well-formed reference; the text is then left as written. */
  malformed?: string;
}

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

export function expandTemplate(text: string, lookup: VariableLookup): Expansion {
  if (!text.includes('${')) return { value: text, hasVariables: false, missing: [] };
  let value = '';
  let hasVariables = false;
  const missing: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      value += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      value += text[i];
      i += 1;
      continue;
    }
    const end = closingBrace(text, i + 2);
    const inner = end === -1 ? undefined : text.slice(i + 2, end);
    const match = inner === undefined ? null : REFERENCE.exec(inner);
    if (!match) {
      const shown = end === -1 ? text.slice(i) : text.slice(i, end + 1);
      return {
        value: text,
        hasVariables,
        missing,
        malformed: `malformed variable reference "${shown}": expected \${NAME} or \${NAME:-default} (write $\${ for a literal \${)`,
      };
    }
    hasVariables = true;
    const [, name, fallback] = match;
    const found = lookup(name);
    if (found !== undefined && !(found === '' && fallback !== undefined)) value += found;
    else if (fallback !== undefined) {
      // A default may itself hold variables (`${A:-${B}}`), expanded only when it is used.
      const nested = expandTemplate(fallback, lookup);
      if (nested.malformed) return { value: text, hasVariables, missing, malformed: nested.malformed };
      value += nested.value;
      missing.push(...nested.missing);
    } else missing.push(name);
    i = end + 1;
  }
  return { value, hasVariables, missing };
}

export function variableLookup(
  env: Record<string, string | undefined>,
  values: ReadonlyMap<string, string>,
): VariableLookup {
  return (name) => env[name] ?? values.get(name);
}

/** Index of the `}` closing a reference whose name starts at `from`, nested `${…}` skipped; -1 if none. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text.startsWith('${', i)) {
      depth += 1;
      i += 1;
    } else if (text[i] === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}
