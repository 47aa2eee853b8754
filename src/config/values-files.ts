// Values files (`--values env/prod.yaml`): one YAML map of VARIABLE: value per environment,
// so dev/staging/prod share the config and differ only here. A value is a string, number or
// boolean (substituted as text), or a list or object (used as a whole YAML value in config:
// `callbacks: ${CALLBACKS}`, checked there by the config schema).

import { readFileSync } from 'node:fs';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Json } from '../core/json.ts';
import { type ConfigProblem, fileProblem } from './problems.ts';
import type { StructuredValue } from './variables.ts';
import { nodePosition, yamlProblems } from './yaml-errors.ts';

export interface LoadedValues {
  values: Map<string, string>;
  /** Variables holding a list or an object. A variable is in one map or the other. */
  structured: Map<string, StructuredValue>;
  problems: ConfigProblem[];
}

/** Later files win over earlier ones (the environment wins over all of them; see variables.ts). */
export function loadValuesFiles(files: readonly string[]): LoadedValues {
  const values = new Map<string, string>();
  const structured = new Map<string, StructuredValue>();
  const problems: ConfigProblem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(fileProblem(file, `cannot read values file: ${(err as Error).message}`));
      continue;
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    const syntax = yamlProblems(file, doc, lineCounter);
    if (syntax.length) {
      problems.push(...syntax);
      continue;
    }
    const at = (node: unknown) => nodePosition(file, lineCounter, node);
    if (doc.contents === null) continue;
    if (!isMap(doc.contents)) {
      problems.push({
        ...at(doc.contents),
        path: '',
        message: 'a values file must be a map of VARIABLE: value',
      });
      continue;
    }
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const node = pair.value;
      if (key === undefined) {
        problems.push({
          ...at(pair.key),
          path: '',
          message: 'variable names must be plain strings',
        });
      } else if (node === null || (isScalar(node) && node.value === null)) {
        structured.delete(key);
        values.set(key, '');
      } else if (isScalar(node) && ['string', 'number', 'boolean'].includes(typeof node.value)) {
        structured.delete(key);
        values.set(key, String(node.value));
      } else if (isSeq(node) || isMap(node) || isAlias(node)) {
        const value = (node as { toJS(doc: unknown): unknown }).toJS(doc) as Json;
        if (typeof value !== 'object' || value === null) {
          values.set(key, value === null ? '' : String(value));
          continue;
        }
        values.delete(key);
        structured.set(key, { value, ...at(node), kind: Array.isArray(value) ? 'list' : 'object' });
      } else {
        problems.push({
          ...at(node),
          path: key,
          message: 'must be a string, number, boolean, list or object',
        });
      }
    }
  }
  return { values, structured, problems };
}
