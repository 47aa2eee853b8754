// The yaml package's syntax errors and warnings as config problems. Warnings count too:
// an unresolved tag (`!fiel`) would otherwise silently become a plain string.

import type { Document, LineCounter, YAMLError } from 'yaml';
import type { ConfigProblem, SourcePosition } from './problems.ts';

/** How deep config may nest: the Management API refuses request bodies nested deeper. */
export const MAX_DEPTH = 64;

/** Where a YAML node starts; the top of the file for a node without a range (null, absent). */
export function nodePosition(file: string, lineCounter: LineCounter, node: unknown): SourcePosition {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  const { line, col } = lineCounter.linePos(range?.[0] ?? 0);
  return { file, line, column: col };
}

// `[https://${HOST}/cb]`: in a flow collection `{` and `}` are syntax, so an unquoted
// variable breaks parsing with a message that does not say why.
const UNQUOTED_VARIABLE_IN_FLOW = /[[{,][^'"\n]*\$\{/;
const FLOW_HINT = " (inside [ ] or { }, quote values that hold variables: '${VAR}')";

export function yamlProblems(
  file: string,
  doc: Document,
  lineCounter: LineCounter,
  text = '',
): ConfigProblem[] {
  return [...doc.errors, ...doc.warnings].map((err) => yamlProblem(file, err, lineCounter, text));
}

function yamlProblem(file: string, err: YAMLError, lineCounter: LineCounter, text: string): ConfigProblem {
  const { line, col } = lineCounter.linePos(err.pos[0]);
  // With prettyErrors off the message is just the description; trim a context excerpt if present.
  let message = `YAML: ${ownWords(err) ?? err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  const lineStart = lineCounter.lineStarts[line - 1] ?? 0;
  const lineEnd = text.indexOf('\n', lineStart);
  const sourceLine = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  if (UNQUOTED_VARIABLE_IN_FLOW.test(sourceLine)) message += FLOW_HINT;
  return { file, line, column: col, path: '', message };
}

/** The parser's messages that speak its own API or its stack, said as what is wrong with the file. */
function ownWords(err: YAMLError): string | undefined {
  if (err.code === 'MULTIPLE_DOCS')
    return 'a second document starts here (---): tenantform reads one document per file; move it to a file of its own';
  if (/Maximum call stack size exceeded/.test(err.message))
    return `nested too deeply (the Management API accepts at most ${MAX_DEPTH} levels)`;
  return undefined;
}
