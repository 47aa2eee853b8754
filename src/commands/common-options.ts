// Options every command shares, and where commands write: injected so tests can capture it.

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface CommonOptions {
  config?: string;
  values: string[];
  only?: string[];
  exclude?: string[];
  allowDelete?: string[] | 'all';
  /** --target TYPE.KEY (repeatable). */
  targets?: string[];
  /** --rotate TYPE.KEY (repeatable) or `all`: write-only secrets written whatever their digests say. */
  rotate?: string[];
  concurrency: number;
  color: boolean;
  /** A person is there to answer prompts: stdin is a terminal and CI is not set. */
  interactive: boolean;
  /** Overrides process.env (tests). */
  env?: NodeJS.ProcessEnv;
}

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal (progress views, colours). */
  isTTY: boolean;
}

export function consoleOutput(): Output {
  return {
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** -c PATH, or the conventional places: tenant.yaml, then a tenant/ directory. */
export function configPaths(option: string | undefined): string[] {
  const found = existingConfigPaths(option);
  if (found) return found;
  throw new Error('no config found: pass -c PATH (a YAML file or a directory), or create tenant.yaml');
}

/** configPaths, or undefined when there is no config (export works without one). */
export function existingConfigPaths(option: string | undefined): string[] | undefined {
  if (option) return [option];
  for (const candidate of ['tenant.yaml', 'tenant.yml', 'tenant'])
    if (existsSync(candidate)) return [candidate];
  return undefined;
}

/** The config directory of -c PATH (absolute): the directory itself, or a file's own directory. */
export function configDirOf(option: string | undefined): string {
  const [path] = configPaths(option) as [string];
  return resolve(statSync(path).isDirectory() ? path : dirname(path));
}
