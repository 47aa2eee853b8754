// Fault benchmark: how many `tenantform apply` runs it takes to converge the bench's
// ≈200-object tenant (generate-tenant.ts at scale 0.4) when a share of the Management API's
// requests fail (the emulator's --fault-rate: 500, 503 or a dropped connection). Each trial
// starts an empty emulator with a seed, then applies until an apply exits 0 and a plan
// shows no change (at most MAX_APPLIES), and counts the applies and duplicates.
//
// Run: npx tsx bench/faults.ts   Knobs: FAULT_RATES (default "0.2,0.35"), FAULT_SEEDS
// (default "1,2,3"), FAULT_SCALE (default 0.4).

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
      const applied = await main(['apply', '-c', dir, '--auto-approve'], captureOutput(), env);
      if (applied !== 0) continue;
      const plan = await main(['plan', '-c', dir, '--detailed-exitcode'], captureOutput(), env);
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
