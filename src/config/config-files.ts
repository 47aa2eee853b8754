// Which files make up the config: the given files, and every *.yaml / *.yml under the given
// directories, recursively, in a stable sorted order (so merges and messages are reproducible).
// A symbolic link is followed when it leads to a place inside the directory given (a shared
// folder linked in twice, say) and refused otherwise: skipping it would leave its objects out
// of the config, and so plan them for deletion.

import { readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { type ConfigProblem, fileProblem } from './problems.ts';

const YAML_FILE = /\.ya?ml$/i;

export function findConfigFiles(paths: readonly string[]): {
  files: string[];
  /** Each file's config directory: the directory given, or a given file's own directory. */
  rootOf: Map<string, string>;
  problems: ConfigProblem[];
} {
  const files: string[] = [];
  const rootOf = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      problems.push(fileProblem(path, 'no such file or directory'));
      continue;
    }
    if (!isDirectory) {
      files.push(path);
      if (!rootOf.has(path)) rootOf.set(path, dirname(path));
      continue;
    }
    const inDirectory = yamlFilesUnder(path, realpathSync(path), problems);
    if (!inDirectory.length) problems.push(fileProblem(path, 'no *.yaml or *.yml files in this directory'));
    files.push(...inDirectory);
    for (const file of inDirectory) if (!rootOf.has(file)) rootOf.set(file, path);
  }
  return { files: [...new Set(files)], rootOf, problems };
}

function yamlFilesUnder(
  dir: string,
  root: string,
  problems: ConfigProblem[],
  seen = new Set<string>(),
): string[] {
  const found: string[] = [];
  const real = realpathSync(dir);
  // A link back to a folder already being read would recurse forever.
  if (seen.has(real)) return found;
  seen.add(real);
  // Hidden entries (.git, .github) are never config.
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(path);
      } catch {
        problems.push(fileProblem(path, 'a symbolic link to nothing (its target does not exist)'));
        continue;
      }
      const inside = relative(root, target);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        problems.push(
          fileProblem(
            path,
            `a symbolic link to ${target}, outside the config directory ${root}: copy it in, or pass it with its own -c`,
          ),
        );
        continue;
      }
      isDirectory = statSync(target).isDirectory();
    }
    if (isDirectory) found.push(...yamlFilesUnder(path, root, problems, seen));
    else if (YAML_FILE.test(entry.name)) found.push(path);
  }
  return found;
}
