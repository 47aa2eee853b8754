// tenantform demo: the README's first command. Starts an emulator in memory, plans
// examples/basic, applies it, and plans again to show that the tenant converged.

import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.ts';
import { runApply } from './apply.ts';
import type { CommonOptions, Output } from './common-options.ts';
import { runPlan } from './plan.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/basic', import.meta.url));

export async function runDemo(opts: CommonOptions, out: Output): Promise<number> {
  const emulator = await startEmulator({ actionBuildMs: 200 });
  try {
    const env = {
      ...process.env,
      AUTH0_DOMAIN: emulator.credentials.domain,
      AUTH0_CLIENT_ID: emulator.credentials.clientId,
      AUTH0_CLIENT_SECRET: emulator.credentials.clientSecret,
    };
    const common = { ...opts, env, config: opts.config ?? EXAMPLE };
    const step = (title: string) => out.stdout(`\n=== ${title} ===\n`);

    step(`1. plan ${common.config} against a fresh emulated tenant (${emulator.url})`);
    const first = await runPlan({ ...common, format: 'text', detailedExitCode: true }, out);
    if (first !== 2) return fail(out, `expected changes to apply, plan exited ${first}`);

    step('2. apply');
    const applied = await runApply({ ...common, autoApprove: true }, out);
    if (applied !== 0) return fail(out, 'apply failed');

    step('3. plan again: the tenant matches the config');
    const second = await runPlan({ ...common, format: 'text', detailedExitCode: true }, out);
    if (second !== 0) return fail(out, `expected no changes, plan exited ${second}`);

    out.stdout('\nDemo complete: planned, applied, and converged in one run.');
    return 0;
  } finally {
    await emulator.close();
  }
}

function fail(out: Output, message: string): number {
  out.stderr(`Demo failed: ${message}`);
  return 1;
}
