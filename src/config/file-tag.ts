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
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
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
      try {
        return readBoundedFile(resolve(baseDir, path), root, path);
      } catch (err) {
        // A file that cannot be found or read: perhaps a path written from the wrong place.
        const where = err instanceof FileRefused ? '' : ` (paths are relative to ${baseDir})`;
        onError(`!file ${path}: ${(err as Error).message}${where}`);
        return '';
      }
    },
  };
}

/**
 * A `!file` path as its config directory names it (`certs/saml.pem`, '/'-separated): how a
 * saved plan refers to a secret read from a file, to read it again at apply time.
 */
export function pathInConfigDir(yamlFile: string, root: string, path: string): string {
  return relative(resolve(root), resolve(dirname(yamlFile), path))
    .split(sep)
    .join('/');
}

/** The value of a file `pathInConfigDir` named, read within the same bounds as `!file`; throws with the reason. */
export function readFromConfigDir(root: string, path: string): unknown {
  return readBoundedFile(resolve(root, path), root, path);
}

/** A file `!file` may not name, or whose content is not what its name says. */
class FileRefused extends Error {}

/** The file's text (parsed, for `.json`); throws saying why it may not or cannot be read. */
function readBoundedFile(target: string, root: string, written: string): unknown {
  let text: string;
  try {
    const refused = refusal(target, root);
    if (refused) throw new FileRefused(refused);
    text = readFileSync(realpathSync(target), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('no such file');
    throw err;
  }
  if (!written.trim().endsWith('.json')) return text;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FileRefused(`not valid JSON: ${(err as Error).message}`);
  }
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
