// The yaml package's syntax errors and warnings as config problems. Warnings count too:
// an unresolved tag (`!fiel`) would otherwise silently become a plain string.

import type { Document, LineCounter, YAMLError } from 'yaml';
import type { ConfigProblem } from './problems.ts';

export function yamlProblems(file: string, doc: Document, lineCounter: LineCounter): ConfigProblem[] {
  return [...doc.errors, ...doc.warnings].map((err) => yamlProblem(file, err, lineCounter));
}

function yamlProblem(file: string, err: YAMLError, lineCounter: LineCounter): ConfigProblem {
  const { line, col } = lineCounter.linePos(err.pos[0]);
  // With prettyErrors off the message is just the description; trim a context excerpt if present.
  const message = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { file, line, column: col, path: '', message: `YAML: ${message}` };
}
