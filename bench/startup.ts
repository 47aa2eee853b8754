// Start-up benchmark: how long `tenantform --version` and `tenantform validate examples/basic`
// take from the checkout (TypeScript sources compiled by tsx at every start) and from the
// package layout (the compiled dist/ that `npm pack` ships), interleaved in the same run.
//
// The package layout is a temporary directory holding what the tarball holds (bin/,
// package.json) with dist/, schemas/, examples/ and node_modules/ linked from the checkout:
// without src/ beside it, bin/tenantform.js loads dist/ as an installed package does.
//
// Run: npm run build && npm run bench:startup   (BENCH_RUNS, default 15 per command and layout)
//
// BENCH_BASELINE=<another checkout with its dist/ built> adds that checkout's package layout
// as a third column, interleaved in the same runs, and the ratio of this package to it: how a
// change moves start-up, measured under the same load (e.g. `git archive main` unpacked and
// built in /tmp).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const COMMANDS = [['--version'], ['validate', '-c', join(ROOT, 'examples/basic')]];

if (!existsSync(join(ROOT, 'dist/cli.js'))) {
  console.error('bench:startup: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

const BASELINE = process.env.BENCH_BASELINE;
if (BASELINE && !existsSync(join(BASELINE, 'dist/cli.js'))) {
  console.error(`bench:startup: ${BASELINE}/dist/ is missing; build that checkout first`);
  process.exit(1);
}

const temporary: string[] = [];
try {
  const layouts: Record<string, string> = { checkout: ROOT, package: packageLayout(ROOT) };
  if (BASELINE) layouts.baseline = packageLayout(BASELINE);

  console.log(`start-up, median of ${RUNS} runs (ms)${BASELINE ? `; baseline: ${BASELINE}` : ''}\n`);
  console.log(
    `command                      checkout (tsx)   package (dist)   ratio${BASELINE ? '   baseline (dist)   package/baseline' : ''}`,
  );
  for (const args of COMMANDS) {
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(layouts).map((n) => [n, []]));
    for (let i = 0; i < RUNS; i++) {
      for (const [name, dir] of Object.entries(layouts)) {
        times[name]!.push(timeRun(join(dir, 'bin/tenantform.js'), args));
      }
    }
    const before = median(times.checkout!);
    const after = median(times.package!);
    const label = args[0] === 'validate' ? 'validate examples/basic' : args.join(' ');
    let line = `${label.padEnd(28)} ${before.toFixed(0).padStart(14)}   ${after.toFixed(0).padStart(14)}   ${(before / after).toFixed(2)}×`;
    if (BASELINE) {
      const base = median(times.baseline!);
      line += `   ${base.toFixed(0).padStart(15)}   ${(after / base).toFixed(2).padStart(15)}×`;
    }
    console.log(line);
  }
} finally {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
}

/** A temporary directory laid out as the tarball of `root` installs (see the top of this file). */
function packageLayout(root: string): string {
  const packaged = mkdtempSync(join(tmpdir(), 'tenantform-startup-'));
  temporary.push(packaged);
  mkdirSync(join(packaged, 'bin'));
  copyFileSync(join(root, 'bin/tenantform.js'), join(packaged, 'bin/tenantform.js'));
  copyFileSync(join(root, 'package.json'), join(packaged, 'package.json'));
  for (const linked of ['dist', 'schemas', 'examples', 'node_modules']) {
    symlinkSync(join(root, linked), join(packaged, linked));
  }
  return packaged;
}

function timeRun(bin: string, args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new Error(`${bin} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
