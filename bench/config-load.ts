// Local work of a plan before any request (issue 16): config load, schema validation and
// the reference check of the generated tenant at ~10,000 objects, in-process, CPU time per
// phase; and `tenantform validate -c examples/basic` as a fresh process (what a user waits
// for), wall time. The first run of each is the warm-up of the same process, reported as
// the cold figure; its ratio to the generated tenant's size is the per-object cost.
//
// Run: npx tsx bench/config-load.ts   Knobs: BENCH_SCALE (default 20 ≈ 10,000 objects),
// BENCH_REPEAT (default 3: the best of that many warm runs).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { loadValidatedConfig } from '../src/commands/validated-config.ts';
import { adapters } from '../src/resources/index.ts';
import { countObjects, generateTenant, scaledSizes, writeTenant } from './generate-tenant.ts';

const SCALE = Number(process.env.BENCH_SCALE || 20);
const REPEAT = Number(process.env.BENCH_REPEAT || 3);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const dir = mkdtempSync(join(tmpdir(), 'tenantform-config-bench-'));
try {
  const tenant = generateTenant(scaledSizes(SCALE));
  writeTenant(dir, tenant);
  const objects = Object.values(countObjects(tenant)).reduce((a, b) => a + b, 0);
  const load = () => loadValidatedConfig({ configPaths: [dir], adapters, env: {} });

  // The floor under config load: the YAML parser alone, on the same files, in the same run.
  const texts = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
  const parseOnly = () => {
    for (const text of texts) parseDocument(text, { lineCounter: new LineCounter(), merge: true });
  };

  const cold = cpuMs(load);
  const warm = Math.min(...Array.from({ length: REPEAT }, () => cpuMs(load)));
  const parse = Math.min(...Array.from({ length: REPEAT }, () => cpuMs(parseOnly)));

  // A fresh process each time: module loading and the schema's validator included.
  const validateRuns = Array.from({ length: REPEAT }, () => {
    const start = Date.now();
    execFileSync(
      process.execPath,
      [join(ROOT, 'bin/tenantform.js'), 'validate', '-c', join(ROOT, 'examples/basic')],
      {
        stdio: 'ignore',
      },
    );
    return { wall: Date.now() - start };
  });
  const validateWall = Math.min(...validateRuns.map((r) => r.wall));

  const lines = [
    `config load + validation + references, ${objects} objects (BENCH_SCALE=${SCALE}):`,
    `  first run in the process: ${cold.toFixed(0)} ms CPU`,
    `  warm (best of ${REPEAT}):     ${warm.toFixed(0)} ms CPU (${((warm / objects) * 1000).toFixed(1)} µs per object)`,
    `  the YAML parser alone on the same files (best of ${REPEAT}): ${parse.toFixed(0)} ms CPU; load is ${(warm / parse).toFixed(2)}× it`,
    `validate -c examples/basic, fresh process: ${validateWall} ms wall (best of ${REPEAT})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
