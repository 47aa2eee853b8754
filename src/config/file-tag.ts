// `!file relative/path`: long text (action code, email templates, HTML) kept in its own
// file next to the YAML, so it can be edited and linted as what it is. A `.json` file is
// data (a form's nodes, a flow's actions): its parsed value is the field's value.
// The content is taken as written: no `${VAR}` substitution happens inside it, because
// action code legitimately contains JavaScript template literals.

//
// What it may name is bounded, because its content is sent to the tenant and shown in plans:
// a regular file (no FIFO that hangs, no device that never ends), inside the config directory
// once symlinks are resolved (no `/proc/self/environ`, no `../../etc/passwd`), and at most
// MAX_FILE_BYTES long.

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { ScalarTag } from 'yaml';

export const FILE_TAG = '!file';
/** Largest `!file` content: action code and templates are far smaller than this. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * A tag bound to one YAML file: paths are relative to that file's directory, and must stay
 * inside `root` (the config directory; default the file's own directory).
 */
export function fileTagFor(yamlFile: string, root: string = dirname(yamlFile)): ScalarTag {
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
        const refused = refusal(resolve(baseDir, path), root);
        if (refused) {
          onError(`!file ${path}: ${refused}`);
          return '';
        }
        text = readFileSync(realpathSync(resolve(baseDir, path)), 'utf8');
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

/** Why the file may not be read, or undefined when it may. Throws ENOENT for a missing file. */
function refusal(target: string, root: string): string | undefined {
  const real = realpathSync(target);
  const realRoot = realpathSync(root);
  const inside = relative(realRoot, real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    return `is outside the config directory ${root}${real !== target ? ` (it resolves to ${real})` : ''}; !file may only name files inside it`;
  }
  const stat = statSync(real);
  if (!stat.isFile())
    return 'is not a regular file (a directory, FIFO, socket or device); !file reads only regular files';
  if (stat.size > MAX_FILE_BYTES)
    return `is ${stat.size} bytes, more than the ${MAX_FILE_BYTES} a !file may hold`;
  return undefined;
}
