// The fleet layout of examples/fleet: one config, a values file per tenant, one CI job per
// tenant (GitHub `matrix`, GitLab `parallel: matrix`), each with its own lock and saved plan.
// The GitHub jobs' tenantform commands are replayed per tenant against its own emulator; the
// GitLab jobs run the same commands.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator } from '../src/emulator/index.ts';
import { runCli } from './fixtures/run-cli.ts';
import { invocations } from './fixtures/shell-invocations.ts';

const FLEET = fileURLToPath(new URL('../examples/fleet', import.meta.url));
const github = parse(readFileSync(`${FLEET}/github/tenantform-fleet.yml`, 'utf8'));
const gitlab = parse(readFileSync(`${FLEET}/gitlab/.gitlab-ci.yml`, 'utf8'));
const tenants = readdirSync(`${FLEET}/tenants`).map((f) => f.replace(/\.yaml$/, ''));

type Step = { run?: string };
type GithubJob = {
  steps: Step[];
  env: Record<string, string>;
  strategy: { matrix: { tenant: string[] } };
  concurrency: { group: string };
  environment: string;
};
const githubJobs = github.jobs as Record<string, GithubJob>;

/** A job's tenantform commands for one tenant, with the workflow's expressions filled in. */
function githubCommands(job: string, tenant: string, dir: string): string[][] {
  const env: Record<string, string> = { ...github.env, ...githubJobs[job]!.env };
  const fill = (text: string): string =>
    text
      .replace(/\$\{\{ matrix\.tenant \}\}/g, tenant)
      .replace(/\$\{?(\w+)\}?/g, (_, name: string) => (name in env ? fill(env[name]!) : ''));
  return githubJobs[job]!.steps.flatMap((s) => (s.run ? invocations(fill(s.run)) : [])).map((args) =>
    resolve(args, dir),
  );
}

function gitlabCommands(job: string, tenant: string, dir: string): string[][] {
  const spec = { ...gitlab['.per-tenant'], ...gitlab[job] };
  const env: Record<string, string> = { ...gitlab.variables, ...spec.variables, TENANT: tenant };
  const fill = (text: string): string =>
    text.replace(/\$\{?(\w+)\}?/g, (_, name: string) => (name in env ? fill(env[name]!) : ''));
  return (spec.script as string[]).flatMap((s) => invocations(fill(s))).map((args) => resolve(args, dir));
}

/** Paths of the checkout are in examples/fleet; the saved plan goes to the test's directory. */
function resolve(args: string[], dir: string): string[] {
  return args.map((a) =>
    /^plan-\w+\.json$/.test(a) ? join(dir, a) : /^(tenant|tenants\/.*)$/.test(a) ? join(FLEET, a) : a,
  );
}

const run = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, { ...env, CI: 'true' });

describe('fleet pipelines', () => {
  it('run one job per values file, each tenant with its own lock and saved plan', () => {
    expect(tenants.length).toBeGreaterThanOrEqual(3);
    for (const job of ['plan', 'apply']) {
      const j = githubJobs[job]!;
      expect(j.strategy.matrix.tenant.sort(), job).toEqual([...tenants].sort());
      expect(j.concurrency.group).toBe('tenantform-${{ matrix.tenant }}');
      expect(j.environment).toContain('${{ matrix.tenant }}');
      expect(j.env.VALUES).toBe('tenants/${{ matrix.tenant }}.yaml');
    }
    expect(githubJobs.apply!.environment).toBe('${{ matrix.tenant }}');
    const perTenant = gitlab['.per-tenant'];
    expect(perTenant.parallel.matrix[0].TENANT.sort()).toEqual([...tenants].sort());
    expect(perTenant.resource_group).toBe('tenantform-$TENANT');
    expect(gitlab.plan.artifacts.paths).toContain('plan-$TENANT.json');
    expect(gitlab.apply.when).toBe('manual');
  });

  it('GitLab runs the same commands as GitHub, per tenant', () => {
    for (const tenant of tenants) {
      for (const job of ['plan', 'apply'])
        expect(gitlabCommands(job, tenant, '/d'), `${job} ${tenant}`).toEqual(
          githubCommands(job, tenant, '/d'),
        );
    }
  });

  it('each tenant plans, applies its own saved plan and converges, with its own values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenantform-fleet-'));
    const emulators = await Promise.all(tenants.map(() => startEmulator({ actionBuildMs: 0 })));
    try {
      for (const [i, tenant] of tenants.entries()) {
        const e = emulators[i]!;
        const env = {
          AUTH0_DOMAIN: e.credentials.domain,
          AUTH0_CLIENT_ID: e.credentials.clientId,
          AUTH0_CLIENT_SECRET: e.credentials.clientSecret,
        };
        const plan = githubCommands('plan', tenant, dir);
        expect(plan.map((c) => c[0])).toEqual(['validate', 'plan']);
        expect((await run(plan[0]!, env)).code).toBe(0);
        const planned = await run(plan[1]!, env);
        expect(planned.code, planned.stderr).toBe(2);
        expect(plan[1]).toContain(join(dir, `plan-${tenant}.json`));

        const [apply] = githubCommands('apply', tenant, dir);
        expect(apply).toEqual([
          'apply',
          join(dir, `plan-${tenant}.json`),
          '--values',
          join(FLEET, `tenants/${tenant}.yaml`),
          '--format',
          'json',
        ]);
        const applied = await run(apply!, env);
        expect(applied.code, applied.stderr).toBe(0);
        expect(JSON.parse(applied.stdout.trim().split('\n').at(-1)!)).toMatchObject({
          type: 'report',
          succeeded: true,
        });

        const again = await run(
          [
            'plan',
            '-c',
            join(FLEET, 'tenant'),
            '--values',
            join(FLEET, `tenants/${tenant}.yaml`),
            '--detailed-exitcode',
          ],
          env,
        );
        expect(again.code, again.stdout).toBe(0);
      }
      // Each tenant got its own values, not another's.
      for (const [i, tenant] of tenants.entries()) {
        const values = parse(readFileSync(`${FLEET}/tenants/${tenant}.yaml`, 'utf8'));
        const clients = [...emulators[i]!.store.collection('/clients').values()] as {
          name: string;
          callbacks?: string[];
        }[];
        expect(clients.find((c) => c.name === 'Customer Portal')?.callbacks).toEqual([
          `https://${values.CUSTOMER_DOMAIN}/callback`,
        ]);
      }
    } finally {
      await Promise.all(emulators.map((e) => e.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
