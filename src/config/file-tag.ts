// `!file relative/path`: long text (action code, email templates, HTML) kept in its own
// file next to the YAML, so it can be edited and linted as what it is. A `.json` file is
// data (a form's nodes, a flow's actions): its parsed value is the field's value.
// The content is taken as written: no `${VAR}` substitution happens inside it, because
// action code legitimately contains JavaScript template literals.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ScalarTag } from 'yaml';

export const FILE_TAG = '!file';

/** A tag bound to one YAML file: paths are relative to that file's directory. */
export function fileTagFor(yamlFile: string): ScalarTag {
  const baseDir = dirname(yamlFile);
  return {
    tag: FILE_TAG,
    resolve(path, onError) {
      if (!path.trim()) {
        onError('!file needs a path, e.g. !file actions/post-login.js');
        return '';
      }
      let text: string;
      try {
        text = readFileSync(resolve(baseDir, path), 'utf8');
      } catch (err) {
        const reason =
          (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
        onError(`!file ${path}: ${reason} (paths are relative to ${baseDir})`);
        return '';
      }
      if (!path.trim().endsWith('.json')) return text;
      try {
        return JSON.parse(text);
      } catch (err) {
        onError(`!file ${path}: not valid JSON: ${(err as Error).message}`);
        return '';
      }
    },
  };
}
