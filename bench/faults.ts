// Fault benchmark: how many `tenantform apply` runs it takes to converge the bench's
// ≈200-object tenant (generate-tenant.ts at scale 0.4) when a share of the Management API's
// requests fail (the emulator's --fault-rate: 500, 503 or a dropped connection). Each trial
// starts an empty emulator with a seed, then applies until an apply exits 0 and a plan
// shows no change (at most MAX_APPLIES), and counts the applies and duplicates.
//
// Run: npx tsx bench/faults.ts   Knobs: FAULT_RATES (default "0.2,0.35"), FAULT_SEEDS
// (default "1,2,3"), FAULT_SCALE (default 0.4), FAULT_VERBOSE=1 (each apply's exit code,
// the changes it failed or skipped, and the plan after it).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { captureOutput, tenantEnv } from './command-harness.ts';
import { countObjects, generateTenant, scaledSizes, writeTenant } from './generate-tenant.ts';

const MAX_APPLIES = 15;
const list = (name: string, fallback: string) => (process.env[name] || fallback).split(',').map(Number);
const RATES = list('FAULT_RATES', '0.2,0.35');
const SEEDS = list('FAULT_SEEDS', '1,2,3');
const SCALE = Number(process.env.FAULT_SCALE || 0.4);
const VERBOSE = process.env.FAULT_VERBOSE === '1';

const log = (head: string, lines: string[]) =>
  process.stdout.write(`${[head, ...lines.map((l) => `    ${l}`)].join('\n')}\n`);
/** An apply's closing lines about changes that failed or were skipped (skips by cause counted). */
const unfinished = (text: string) => {
  const lines = text.split('\n');
  const failed = lines.filter((l) => /^\s*failed:|^Error/.test(l));
  const skipped = lines.filter((l) => /^\s*skipped:/.test(l)).length;
  return skipped > 0 ? [...failed, `(${skipped} skipped)`] : failed;
};
/** A plan's summary line, or its error. */
const planSummary = (text: string) =>
  text
    .split('\n')
    .filter((l) => /^Plan:|^Error|change/.test(l))
    .slice(0, 5);

async function trial(
  dir: string,
  faultRate: number,
  seed: number,
): Promise<{ applies: number; converged: boolean }> {
  const emulator = await startEmulator({ faultRate, seed, actionBuildMs: 50 });
  const env = tenantEnv({
    domain: emulator.url,
    clientId: emulator.credentials.clientId,
    clientSecret: emulator.credentials.clientSecret,
  });
  try {
    for (let applies = 1; applies <= MAX_APPLIES; applies++) {
      const applyOutput = captureOutput();
      const applied = await main(['apply', '-c', dir, '--auto-approve'], applyOutput, env);
      if (VERBOSE) log(`  seed ${seed} apply ${applies}: exit ${applied}`, unfinished(applyOutput.text()));
      if (applied !== 0) continue;
      const planOutput = captureOutput();
      const plan = await main(['plan', '-c', dir, '--detailed-exitcode'], planOutput, env);
      if (VERBOSE)
        log(`  seed ${seed} plan after apply ${applies}: exit ${plan}`, planSummary(planOutput.text()));
      if (plan === 0) return { applies, converged: true };
    }
    return { applies: MAX_APPLIES, converged: false };
  } finally {
    await emulator.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'tenantform-faults-'));
const tenant = generateTenant(scaledSizes(SCALE));
writeTenant(dir, tenant);
const objects = Object.values(countObjects(tenant)).reduce((a, b) => a + b, 0);
process.stdout.write(`${objects} objects; fault rates ${RATES.join(', ')}; seeds ${SEEDS.join(', ')}\n`);
for (const rate of RATES) {
  const results: string[] = [];
  for (const seed of SEEDS) {
    const began = performance.now();
    const { applies, converged } = await trial(dir, rate, seed);
    results.push(
      `${converged ? applies : `>${MAX_APPLIES}`} (${((performance.now() - began) / 1000).toFixed(0)} s)`,
    );
  }
  process.stdout.write(`fault rate ${rate}: applies to converge per seed: ${results.join(', ')}\n`);
}
rmSync(dir, { recursive: true, force: true });
