// The CI examples in examples/gitops/ are YAML the CI systems accept, and every tenantform
// command they run is a real command with real flags (checked against the cli itself).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli.ts';
import { parseEmulatorArgs } from '../src/emulator/command.ts';
import { runCli } from './fixtures/run-cli.ts';
import { invocations } from './fixtures/shell-invocations.ts';

const GITOPS = fileURLToPath(new URL('../examples/gitops', import.meta.url));
const github = parse(readFileSync(`${GITOPS}/github/tenantform.yml`, 'utf8'));
const gitlab = parse(readFileSync(`${GITOPS}/gitlab/.gitlab-ci.yml`, 'utf8'));

type Step = { run?: string; uses?: string; with?: Record<string, unknown>; if?: string; name?: string };
type GithubJob = { steps: Step[]; env?: Record<string, string>; if?: string; needs?: string | string[] };
type GitlabJob = {
  script?: string[];
  before_script?: string[];
  variables?: Record<string, string>;
  rules?: { if?: string }[];
  artifacts?: { paths?: string[]; when?: string };
  needs?: string[];
};

const githubJobs = github.jobs as Record<string, GithubJob>;
const gitlabJobs = Object.fromEntries(
  Object.entries(gitlab as Record<string, GitlabJob>).filter(
    ([, v]) => typeof v === 'object' && v && 'script' in v,
  ),
);

/** Each shell script of a job: GitHub `run:` steps, GitLab `script:` items. */
const githubScripts = (job: GithubJob) => job.steps.flatMap((s) => (s.run ? [s.run] : []));
const gitlabScripts = (job: GitlabJob) =>
  [...(gitlab.default?.before_script ?? []), ...(job.script ?? [])] as string[];

async function usage(command?: string): Promise<string> {
  let text = '';
  const code = await main(
    command ? [command, '--help'] : ['--help'],
    {
      stdout: (t) => {
        text += t;
      },
      stderr: () => {},
      isTTY: false,
    },
    {},
  );
  expect(code).toBe(0);
  return text;
}

/** Checks one invocation against the cli: the command exists, the flags parse and belong to it. */
async function checkInvocation(args: string[], where: string): Promise<void> {
  const text = await usage();
  const [command, ...rest] = args;
  const commands = [...text.matchAll(/^ {2}tenantform (\w+)/gm)].map((m) => m[1]);
  expect(commands, `${where}: tenantform ${args.join(' ')}`).toContain(command);
  if (command === 'emulator') {
    expect(() => parseEmulatorArgs(rest), `${where}: tenantform ${args.join(' ')}`).not.toThrow();
    return;
  }
  let stderr = '';
  const code = await main(
    [command!, ...rest, '--help'],
    {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
      isTTY: false,
    },
    {},
  );
  expect(code, `${where}: tenantform ${args.join(' ')}: ${stderr}`).toBe(0);
  // Each flag is among the options of this command's own help.
  const commandHelp = await usage(command);
  for (const flag of rest.filter((a) => a.startsWith('-'))) {
    const name = flag.split('=')[0]!;
    const inUsage = new RegExp(`^\\s+(-\\w, )?${name}\\b`, 'm').test(commandHelp);
    expect(inUsage, `${where}: ${name} is not an option of tenantform ${command}`).toBe(true);
  }
  if (command === 'apply') {
    const positionals = rest.filter(
      (a, i) =>
        !a.startsWith('-') &&
        !['-c', '--config', '--values', '--concurrency', '--only', '--exclude'].includes(rest[i - 1]!),
    );
    for (const p of positionals) expect(p, `${where}: apply takes a plan file`).toMatch(/\.json$/);
  }
}

describe('tokenizer', () => {
  it('finds tenantform invocations and stops at shell operators', () => {
    expect(invocations('npm install --global "tenantform@${V}"')).toEqual([]);
    expect(invocations('tenantform plan -c "$CONFIG" --format markdown > plan.md || code=$?')).toEqual([
      ['plan', '-c', '$CONFIG', '--format', 'markdown'],
    ]);
    expect(invocations('tenantform emulator --port 4010 \\\n  --tls &')).toEqual([
      ['emulator', '--port', '4010', '--tls'],
    ]);
  });
});

describe('checkInvocation', () => {
  it('rejects unknown commands, unknown flags and flags of another command', async () => {
    await expect(checkInvocation(['deploy'], 'x')).rejects.toThrow();
    await expect(checkInvocation(['plan', '--bogus'], 'x')).rejects.toThrow();
    await expect(checkInvocation(['drift', '--out', 'plan.json'], 'x')).rejects.toThrow(
      /--out is not an option/,
    );
    await expect(checkInvocation(['emulator', '--prot', '4010'], 'x')).rejects.toThrow();
    await checkInvocation(
      ['plan', '-c', 'tenant', '--values', 'env/prod.yaml', '--out', 'plan.json', '--detailed-exitcode'],
      'x',
    );
  });
});

describe.each([
  [
    'github/tenantform.yml',
    () => Object.entries(githubJobs).map(([name, job]) => [name, githubScripts(job)] as const),
  ],
  [
    'gitlab/.gitlab-ci.yml',
    () => Object.entries(gitlabJobs).map(([name, job]) => [name, gitlabScripts(job)] as const),
  ],
])('%s', (file, jobs) => {
  const all = jobs().flatMap(([job, scripts]) =>
    scripts.flatMap((s) => invocations(s).map((args) => ({ job, args }))),
  );

  it('runs only real tenantform commands and flags', async () => {
    expect(all.length).toBeGreaterThan(5);
    for (const { job, args } of all) await checkInvocation(args, `${file} job ${job}`);
  });

  it('validates against the emulator before anything touches a tenant', () => {
    const emulatorJob = jobs().find(([, scripts]) =>
      scripts.some((s) => /tenantform emulator --port 4010[^\n]*&/.test(s)),
    );
    expect(emulatorJob).toBeDefined();
    const args = all.filter((a) => a.job === emulatorJob![0]).map((a) => a.args[0]);
    expect(args).toEqual(expect.arrayContaining(['validate', 'emulator', 'apply', 'plan']));
    // Every job that reaches the real tenant needs the emulator job first (drift excepted: it never writes).
    for (const [name, scripts] of jobs()) {
      const touches = scripts.some((s) => invocations(s).some((a) => ['plan', 'apply'].includes(a[0]!)));
      if (!touches || name === emulatorJob![0]) continue;
      const needs = file.startsWith('github') ? githubJobs[name]!.needs : gitlabJobs[name]!.needs;
      expect([needs].flat(), `${name} needs ${emulatorJob![0]}`).toContain(emulatorJob![0]);
    }
  });

  it('plans to Markdown and a plan file, applies a plan file, and reports drift in Markdown', () => {
    const has = (pred: (args: string[]) => boolean) => all.some(({ args }) => pred(args));
    const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];
    expect(
      has((a) => a[0] === 'plan' && flag(a, '--format') === 'markdown' && flag(a, '--out') === 'plan.json'),
    ).toBe(true);
    expect(
      has((a) => a[0] === 'apply' && a.some((x) => x.endsWith('plan.json')) && !a.includes('--auto-approve')),
    ).toBe(true);
    expect(has((a) => a[0] === 'drift' && flag(a, '--format') === 'markdown')).toBe(true);
  });
});

describe('installing tenantform (not on npm yet): the tarball built in the pipeline', () => {
  const runsTenantform = (scripts: string[]) => scripts.some((s) => invocations(s).length > 0);

  it('github: one job packs it, every job that runs it downloads and installs that tarball', () => {
    const pack = githubJobs['tenantform-package']!;
    expect(githubScripts(pack).join('\n')).toMatch(/npm ci .*&& npm pack/);
    const upload = pack.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with).toMatchObject({ name: 'tenantform-package', path: 'tenantform-*.tgz' });
    for (const [name, job] of Object.entries(githubJobs)) {
      if (!runsTenantform(githubScripts(job))) continue;
      expect([job.needs].flat(), name).toContain('tenantform-package');
      const download = job.steps.findIndex(
        (s) => s.uses?.startsWith('actions/download-artifact') && s.with?.name === 'tenantform-package',
      );
      const install = job.steps.findIndex(
        (s) => s.run === 'npm install --global .tenantform/tenantform-*.tgz',
      );
      const first = job.steps.findIndex((s) => s.run && invocations(s.run).length > 0);
      expect(download, name).toBeGreaterThan(-1);
      expect(install, name).toBeGreaterThan(download);
      expect(first, name).toBeGreaterThan(install);
    }
    expect(readFileSync(`${GITOPS}/github/tenantform.yml`, 'utf8')).not.toMatch(
      /^\s*- run: npm install[^\n]*tenantform@/m,
    );
  });

  it('gitlab: one job packs it, every job that runs it needs that job and installs its tarball', () => {
    const pack = gitlab['tenantform-package'] as GitlabJob & { before_script: string[] };
    expect(pack.before_script).toEqual([]);
    expect(pack.script!.join('\n')).toMatch(/npm ci .*&& npm pack/);
    expect(pack.artifacts?.paths).toEqual(['tenantform-*.tgz']);
    expect(gitlab.default.before_script).toEqual(['npm install --global ./tenantform-*.tgz']);
    for (const [name, job] of Object.entries(gitlabJobs)) {
      if (name === 'tenantform-package' || !runsTenantform(gitlabScripts(job))) continue;
      expect(job.needs, name).toContain('tenantform-package');
    }
  });
});

describe('github workflow', () => {
  it('triggers on pull requests, pushes to main and a schedule', () => {
    expect(Object.keys(github.on)).toEqual(expect.arrayContaining(['pull_request', 'push', 'schedule']));
    expect(github.on.push.branches).toEqual(['main']);
    expect(github.on.schedule[0].cron).toMatch(/^(\S+\s+){4}\S+$/);
  });

  it('comments the plan on the PR and uploads plan.json; apply downloads it', () => {
    const plan = githubJobs.plan!;
    expect(plan.if).toContain('pull_request');
    const comment = plan.steps.find((s) => s.uses?.startsWith('actions/github-script'));
    expect(String(comment?.with?.script)).toMatch(/createComment|updateComment/);
    const upload = plan.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(String(upload?.with?.path)).toContain('plan.json');
    // The artifact exists before the comment that points to it (a capped plan does).
    expect(plan.steps.indexOf(upload!)).toBeLessThan(plan.steps.indexOf(comment!));
    const apply = githubJobs.apply!;
    const download = apply.steps.find(
      (s) => s.uses?.startsWith('actions/download-artifact') && s.with?.name !== 'tenantform-package',
    );
    expect(download?.with?.name).toBe(
      upload?.with?.name?.toString().replace('github.event.pull_request.number', 'steps.pr.outputs.number'),
    );
    expect(apply.if).toContain('refs/heads/main');
  });

  it('drift fails the job on exit 2 and uploads the report', () => {
    const drift = githubJobs.drift!;
    expect(drift.if).toContain('schedule');
    const upload = drift.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.if).toBe('always()');
    expect(drift.steps.map((s) => s.run ?? '').join('\n')).toMatch(/2\)[^\n]*exit 1/);
  });

  it('the emulator job targets the local emulator and nothing else', () => {
    const env = githubJobs['emulator-check']!.env!;
    expect(env.AUTH0_DOMAIN).toBe('http://127.0.0.1:4010');
    expect(JSON.stringify(githubJobs['emulator-check'])).not.toContain('secrets.');
  });
});

describe('gitlab pipeline', () => {
  it('posts the plan as an MR note, keeps plan.json, and drift runs on a schedule with its report', () => {
    const plan = gitlabJobs.plan!;
    expect(plan.rules?.[0]?.if).toContain('merge_request_event');
    expect(plan.script!.join('\n')).toMatch(/merge_requests\/\$CI_MERGE_REQUEST_IID\/notes/);
    expect(plan.artifacts?.paths).toContain('plan.json');
    const drift = gitlabJobs.drift!;
    expect(drift.rules?.map((r) => r.if).join(' ')).toContain('schedule');
    expect(drift.artifacts).toMatchObject({ when: 'always', paths: ['drift.md'] });
    expect(gitlabJobs['emulator-check']!.variables!.AUTH0_DOMAIN).toBe('http://127.0.0.1:4010');
    expect(gitlabJobs.apply!.script!.join('\n')).toContain('JOB-TOKEN: $CI_JOB_TOKEN');
  });
});

describe('the GitHub workflow, run against emulators', () => {
  // The jobs' tenantform commands, in order, with the workflow's variables substituted and
  // paths resolved in examples/gitops (which holds a tenant/ config and env/prod.yaml).
  const SECRETS: Record<string, string> = {
    API_SIGNING_SECRET: 'wf-prod-signing-secret-3e8b1d6f9a2c5047',
    SIEM_TOKEN: 'Bearer wf-prod-siem-0b7e4a9d2f6c1358',
  };

  function commandsOf(job: string, files: { plan: string; approved: string }) {
    const env: Record<string, string> = { ...github.env, ...githubJobs[job]!.env };
    for (const [k, v] of Object.entries(env)) {
      const secret = /^\$\{\{ secrets\.(\w+) \}\}$/.exec(v)?.[1];
      if (secret) env[k] = SECRETS[secret] ?? `<${secret}>`;
    }
    env.CONFIG = `${GITOPS}/${env.CONFIG}`;
    env.VALUES = `${GITOPS}/${env.VALUES}`;
    const commands = githubScripts(githubJobs[job]!)
      .flatMap(invocations)
      .map((args) =>
        args
          .map((a) => a.replace(/\$\{?(\w+)\}?/g, (_, name: string) => env[name] ?? ''))
          .map((a) => (a === 'plan.json' ? files.plan : a === 'approved/plan.json' ? files.approved : a)),
      );
    return { env, commands };
  }

  const run = (args: string[], env: Record<string, string>) =>
    runCli(args, { ...env, CI: 'true', PATH: process.env.PATH });

  it('emulator-check, plan, apply (of the approved plan) and drift do what the comments say', async () => {
    const { startEmulator } = await import('../src/emulator/server.ts');
    const { mkdtempSync, rmSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/tenantform-wf-`);
    const files = { plan: `${dir}/plan.json`, approved: `${dir}/plan.json` };

    // emulator-check: its own emulator, with the job's credentials.
    const check = commandsOf('emulator-check', files);
    const local = await startEmulator({
      actionBuildMs: 0,
      clientId: check.env.AUTH0_CLIENT_ID,
      clientSecret: check.env.AUTH0_CLIENT_SECRET,
    });
    // The "real" tenant of the plan, apply and drift jobs.
    const real = await startEmulator({ actionBuildMs: 0 });
    const realEnv = {
      AUTH0_DOMAIN: real.credentials.domain,
      AUTH0_CLIENT_ID: real.credentials.clientId,
      AUTH0_CLIENT_SECRET: real.credentials.clientSecret,
    };
    try {
      const order = check.commands.map((c) => c[0]);
      expect(order).toEqual(['validate', 'emulator', 'apply', 'plan']);
      for (const args of check.commands.filter((c) => c[0] !== 'emulator')) {
        const result = await run(args, { ...check.env, AUTH0_DOMAIN: local.credentials.domain });
        expect(result.code, `${args.join(' ')}\n${result.stdout}${result.stderr}`).toBe(0);
      }

      const plan = commandsOf('plan', files);
      expect(plan.commands).toHaveLength(1);
      const planned = await run(plan.commands[0]!, { ...plan.env, ...realEnv });
      expect(planned.code).toBe(2); // --detailed-exitcode: changes
      expect(planned.stdout).toMatch(/^### tenantform plan/);
      expect(existsSync(files.plan)).toBe(true);

      const apply = commandsOf('apply', files);
      const approved = apply.commands.find((c) => c[1] === files.approved)!;
      const applied = await run(approved, { ...apply.env, ...realEnv });
      expect(applied.code, applied.stderr).toBe(0);

      const drift = commandsOf('drift', files);
      expect(drift.commands).toHaveLength(1);
      const inSync = await run(drift.commands[0]!, { ...drift.env, ...realEnv });
      expect(inSync.code, inSync.stderr).toBe(0);
      const clients = real.store.collection('/clients');
      for (const [id, client] of clients) {
        if ((client as { name?: string }).name === 'Acme Travel (SPA)')
          clients.set(id, { ...(client as object), callbacks: [] } as never);
      }
      const drifted = await run(drift.commands[0]!, { ...drift.env, ...realEnv });
      expect(drifted.code).toBe(2);
      expect(drifted.stdout).toMatch(/^### tenantform drift/);
      expect(drifted.stdout).toContain('Acme Travel (SPA)');

      for (const value of Object.values(SECRETS)) {
        for (const text of [planned, applied, inSync, drifted].flatMap((r) => [r.stdout, r.stderr])) {
          expect(text).not.toContain(value.replace('Bearer ', ''));
        }
      }
    } finally {
      await Promise.all([local.close(), real.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
