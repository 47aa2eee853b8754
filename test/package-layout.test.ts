// The npm package holds what the installed command needs and nothing it must not: compiled
// dist/ (same depth as src/, so paths relative to a module resolve alike), the files the
// code reads at run time, and runtime imports covered by `dependencies` alone. The full
// build, pack, install and demo run is .ci/install-check.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const packed: string[] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
)[0].files.map((f: { path: string }) => f.path);

const sources = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => join(ROOT, 'src', f));

/** Would the tarball hold this path (a file, or a directory with files in it)? */
const inPackage = (path: string) => packed.some((p) => p === path || p.startsWith(`${path}/`));

describe('npm package', () => {
  it('ships bin/ and dist/, never sources, tests or tools', () => {
    expect(packed).toContain('bin/tenantform.js');
    expect(manifest.bin.tenantform).toBe('bin/tenantform.js');
    for (const p of packed) expect(p, p).not.toMatch(/^(src|test|tools|bench|\.ci)\/|\.tsx?$/);
    expect(manifest.files).toContain('dist/');
  });

  it('compiles src/ to dist/ at the same depth, with .ts imports rewritten, which bin/ loads', () => {
    const build = JSON.parse(
      readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
    );
    expect(build.compilerOptions).toMatchObject({
      rootDir: 'src',
      outDir: 'dist',
      noEmit: false,
      rewriteRelativeImportExtensions: true,
    });
    expect(readFileSync(join(ROOT, 'bin/tenantform.js'), 'utf8')).toContain("import('../dist/cli.js')");
    expect(manifest.scripts.prepack).toMatch(/npm run build/);
  });

  it('holds every file a module reads relative to itself', () => {
    const read: string[] = [];
    for (const file of sources) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (/^\s*(import|export)\b|\bimport\(|\bfrom '/.test(line)) continue;
        for (const [, path] of line.matchAll(/'((?:\.\.\/)+[^']+)'/g)) {
          read.push(relative(ROOT, resolve(dirname(file), path!)));
        }
      }
    }
    expect(read).toEqual(
      expect.arrayContaining([
        'examples/basic',
        'schemas/tenantform.schema.json',
        'schemas/validators',
        'schemas/auth0-management-api.yaml',
        'package.json',
      ]),
    );
    for (const path of read) expect(inPackage(path), `${path} is read at run time`).toBe(true);
  });

  it('holds every module src imports from outside src', () => {
    const outside: string[] = [];
    for (const file of sources) {
      for (const [, path] of readFileSync(file, 'utf8').matchAll(
        /^import (?!type )[^;]*? from '(\.[^']+)'/gm,
      )) {
        const target = relative(ROOT, resolve(dirname(file), path!));
        if (!target.startsWith('src/')) outside.push(target);
      }
    }
    for (const path of outside) expect(inPackage(path), `${path} is imported at run time`).toBe(true);
  });

  it('imports at run time only its dependencies; tsx and dev tools stay dev dependencies', () => {
    const imported = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/(?:^import (?!type )[^;]*? from |\bimport\()'([^'.][^']*)'/gms)) {
        if (spec!.startsWith('node:')) continue;
        imported.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
      }
    }
    expect(imported.size).toBeGreaterThan(5);
    for (const name of imported) expect(Object.keys(manifest.dependencies), name).toContain(name);
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    expect(Object.keys(manifest.devDependencies)).toContain('tsx');
  });
});
