// Values files (`--values env/prod.yaml`): one flat YAML map of VARIABLE: value per
// environment, so dev/staging/prod share the config and differ only here.

import { readFileSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { type ConfigProblem, fileProblem } from './problems.ts';
import { nodePosition, yamlProblems } from './yaml-errors.ts';

export interface LoadedValues {
  values: Map<string, string>;
  problems: ConfigProblem[];
}

/** Later files win over earlier ones (the environment wins over all of them; see variables.ts). */
export function loadValuesFiles(files: readonly string[]): LoadedValues {
  const values = new Map<string, string>();
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
        values.set(key, '');
      } else if (isScalar(node) && ['string', 'number', 'boolean'].includes(typeof node.value)) {
        values.set(key, String(node.value));
      } else {
        problems.push({
          ...at(node),
          path: key,
          message: 'must be a string, number or boolean (values files are flat)',
        });
      }
    }
  }
  return { values, problems };
}
