// Scale benchmark (issue 16), every figure and ratio from this one run:
//   1. converged plans of generated tenants of about 1,000, 5,000 and 10,000 objects: the
//      plan process's own CPU, its calls, and its wall time with no rate limit and at an
//      enterprise tenant's 16 requests/s (burst 50). Each tenant is applied first (plain
//      output) to an emulator keeping it in a --data file, which a second emulator reopens with
//      the rate limit;
//   2. the emulator's page time at 1,000 and 40,000 objects (bench/emulator-paging.ts);
//   3. the same apply of the 5,000-object tenant, to two fresh emulators, once at a terminal
//      (a pseudo-terminal made by `script`, so the interactive view runs) and once with plain
//      output to a pipe;
//   4. lists past the API's 1,000-record offset limit, end to end: a tenant of 2,500 clients
//      and 1,500 roles applied to a fresh emulator, then planned, which must find no change
//      (exit 0; `400 invalid_paging` or a missed page would fail the run). Too slow for
//      `npm test`; test/e2e-large-lists.test.ts checks the paging past 1,000 there.
// tenantform runs as its own process (bin/tenantform.js), which reports its CPU through
// bench/child-cpu.mjs; emulators run in this process. It prints the figures and rewrites the
// "Scale" section of bench/RESULTS.md.
//
// Run: npm run bench:scale (also the second part of npm run bench; 15–25 minutes on 2 shared
// cores, most of it the plans at 16/s). BENCH_QUICK=1 or --quick: the 1,000-object tenant
// only, pages at 1,000 and 5,000, the apply pair at 1,000 (CI, a few minutes).
// BENCH_PLAN_OBJECTS=1000,5000 picks the plan sizes; BENCH_NO_WRITE=1 leaves RESULTS.md alone;
// BENCH_ONLY=lists runs section 4 alone and only prints it (a few minutes); BENCH_ONLY=tty the
// apply pair of section 3 alone (BENCH_TTY_OBJECTS, BENCH_TTY_ROUNDS: see ttyPairs). BENCH_BIN: below.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/emulator/index.ts';
import { tenantEnv } from './command-harness.ts';
import { closeAgent, type Paging, pagingAt, round } from './emulator-paging.ts';
import { countObjects, DEFAULT_SIZES, generateTenant, scaledSizes, writeTenant } from './generate-tenant.ts';
import { writeResultsSection } from './results-file.ts';

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const PLAN_OBJECTS = process.env.BENCH_PLAN_OBJECTS
  ? process.env.BENCH_PLAN_OBJECTS.split(',').map(Number)
  : QUICK
    ? [1_000]
    : [1_000, 5_000, 10_000];
const APPLY_PAIR_OBJECTS = QUICK ? 1_000 : 5_000;
const PAGE_SIZES = QUICK ? [1_000, 5_000] : [1_000, 40_000];
const RATE = 16;
const BURST = 50;
// BENCH_BIN: another tenantform binary, e.g. the installed package's (compiled, no tsx), which
// is what users run; default the checkout's, which runs the sources through tsx.
const BIN = process.env.BENCH_BIN ?? fileURLToPath(new URL('../bin/tenantform.js', import.meta.url));
const CHILD_CPU = fileURLToPath(new URL('./child-cpu.mjs', import.meta.url));
const DEFAULT_TOTAL = Object.values(countObjects(generateTenant(DEFAULT_SIZES))).reduce((a, b) => a + b, 0);

const log = (line: string) => process.stdout.write(`${line}\n`);
const work = mkdtempSync(join(tmpdir(), 'tenantform-scale-'));

interface Run {
  code: number | null;
  wallS: number;
  cpuS: number;
  /** stdout alone (a plan's JSON), and stdout with stderr. */
  stdout: string;
  output: string;
}

/** Runs tenantform in a child process, at a pseudo-terminal when `tty`; its wall and own CPU. */
function tenantform(args: string[], env: NodeJS.ProcessEnv, tty = false): Promise<Run> {
  const cpuFile = join(work, `cpu-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  // BENCH_CPU_PROF=<dir>: each tenantform process also writes a V8 CPU profile there.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const node = [process.execPath, ...profile, '--import', CHILD_CPU, BIN, ...args];
  const quoted = node.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const [command, argv] = tty
    ? ['script', ['-qfec', `stty cols 120 rows 40; exec ${quoted}`, '/dev/null']]
    : [node[0] as string, node.slice(1)];
  // CI unset in both: the view is chosen by whether stdout is a terminal, nothing else.
  const { CI: _ci, ...rest } = env;
  const childEnv = { ...rest, BENCH_CPU_FILE: cpuFile };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv as string[], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallS = (performance.now() - started) / 1000;
      const cpu = existsSync(cpuFile)
        ? (JSON.parse(readFileSync(cpuFile, 'utf8')) as { user: number; system: number })
        : { user: Number.NaN, system: 0 };
      resolve({ code, wallS, cpuS: (cpu.user + cpu.system) / 1e6, stdout, output });
    });
  });
}

/** An emulator in this process that counts the API calls it answers. */
async function countingEmulator(options: Parameters<typeof startEmulator>[0]) {
  const counter = { calls: 0, gets: new Map<string, number>(), refused: 0 };
  const emulator = await startEmulator({
    actionBuildMs: 0,
    seed: 'tenantform-scale',
    ...options,
    onResponse: ({ method, path, status }) => {
      if (!path.startsWith('/api/v2/')) return;
      counter.calls += 1;
      if (status === 400) counter.refused += 1;
      // request.url: the path and its query; pages are counted by path.
      const route = path.split('?')[0]!;
      if (method === 'GET') counter.gets.set(route, (counter.gets.get(route) ?? 0) + 1);
    },
  });
  return { emulator, counter, env: tenantEnv(emulator.credentials) };
}

/** The generated tenant scaled to about `objects` objects (organizations in the issue's share). */
function tenantOf(objects: number): { dir: string; total: number } {
  const factor = objects / DEFAULT_TOTAL;
  const tenant = generateTenant({ ...scaledSizes(factor), organizations: Math.round(objects * 0.076) });
  const total = Object.values(countObjects(tenant)).reduce((a, b) => a + b, 0);
  const dir = writeTenant(mkdtempSync(join(work, `tenant-${objects}-`)), tenant);
  return { dir, total };
}

interface PlanRun {
  objects: number;
  applyWallS: number;
  applyCpuS: number;
  cpuS: number;
  calls: number;
  perObjectCalls: number;
  wallS: number;
  readS: number;
  limitedWallS: number;
  limitedReadS: number;
  exitCodes: string;
}

interface Reading {
  ms: number;
  calls: number;
  perObject: { calls: number }[];
}

function readingOf(run: Run): Reading {
  if (run.code !== 0) throw new Error(`plan: exit ${run.code}\n${run.output.slice(-2000)}`);
  return (JSON.parse(run.stdout) as { reading: Reading }).reading;
}

/**
 * Applies the tenant (plain output) to an emulator keeping it in a --data file, plans it with no
 * limit, then reopens the file with the rate limit and plans again. With `withTerminalTwin`,
 * the same apply also runs at a pseudo-terminal against a fresh emulator (same conditions, its
 * own data file): the pair of section 3.
 */
async function planAt(
  objects: number,
  withTerminalTwin: boolean,
): Promise<{ plan: PlanRun; pair?: ApplyRun[] }> {
  const { dir, total } = tenantOf(objects);
  const dataFile = join(work, `tenant-${objects}.data`);
  const open = await countingEmulator({ dataFile });
  const applied = await tenantform(['apply', '--auto-approve', '-c', dir], open.env);
  if (applied.code !== 0)
    throw new Error(`apply of ${total} objects: exit ${applied.code}\n${applied.output.slice(-2000)}`);
  const before = open.counter.calls;
  const plan = await tenantform(['plan', '--detailed-exitcode', '--format', 'json', '-c', dir], open.env);
  const calls = open.counter.calls - before;
  await open.emulator.close();
  const limited = await countingEmulator({ dataFile, rateLimit: RATE, burst: BURST });
  // The bucket starts full, as a tenant's does after a quiet minute.
  const limitedPlan = await tenantform(
    ['plan', '--detailed-exitcode', '--format', 'json', '-c', dir],
    limited.env,
  );
  await limited.emulator.close();
  const reading = readingOf(plan);
  const result: PlanRun = {
    objects: total,
    applyWallS: round(applied.wallS),
    applyCpuS: round(applied.cpuS),
    cpuS: round(plan.cpuS, 2),
    calls,
    perObjectCalls: reading.perObject.reduce((n, p) => n + p.calls, 0),
    wallS: round(plan.wallS, 1),
    readS: round(reading.ms / 1000, 1),
    limitedWallS: round(limitedPlan.wallS, 1),
    limitedReadS: round(readingOf(limitedPlan).ms / 1000, 1),
    exitCodes: `${plan.code}/${limitedPlan.code}`,
  };
  if (!withTerminalTwin) return { plan: result };
  const twin = await countingEmulator({ dataFile: join(work, `tenant-${objects}-tty.data`) });
  const tty = await tenantform(['apply', '--auto-approve', '-c', dir], twin.env, true);
  await twin.emulator.close();
  if (tty.code !== 0) throw new Error(`apply at a terminal: exit ${tty.code}\n${tty.output.slice(-2000)}`);
  const row = (view: string, run: Run): ApplyRun => ({
    view,
    objects: total,
    wallS: round(run.wallS),
    cpuS: round(run.cpuS, 2),
    outputKb: round(run.output.length / 1024),
  });
  return { plan: result, pair: [row('plain', applied), row('tty', tty)] };
}

interface ApplyRun {
  view: string;
  objects: number;
  wallS: number;
  cpuS: number;
  outputKb: number;
}

const LARGE_LISTS = { clients: 2_500, roles: 1_500 };

interface LargeListsRun {
  clients: number;
  roles: number;
  applyWallS: number;
  applyCpuS: number;
  planExit: number | null;
  planWallS: number;
  planCpuS: number;
  planCalls: number;
  clientPages: number;
  rolePages: number;
  refused: number;
}

/** Section 4: applies 2,500 clients and 1,500 roles, then plans them: no change expected. */
async function largeLists(): Promise<LargeListsRun> {
  const pad = (i: number) => String(i).padStart(4, '0');
  const lines = ['clients:'];
  for (let i = 0; i < LARGE_LISTS.clients; i++)
    lines.push(`  - { name: App ${pad(i)}, app_type: ${i % 2 ? 'spa' : 'non_interactive'} }`);
  lines.push('roles:');
  for (let i = 0; i < LARGE_LISTS.roles; i++)
    lines.push(`  - { name: Role ${pad(i)}, description: Role ${i} }`);
  const dir = mkdtempSync(join(work, 'large-lists-'));
  writeFileSync(join(dir, 'tenant.yaml'), `${lines.join('\n')}\n`);
  const { emulator, counter, env } = await countingEmulator({});
  const applied = await tenantform(['apply', '--auto-approve', '-c', dir], env);
  if (applied.code !== 0)
    throw new Error(`large lists: apply exit ${applied.code}\n${applied.output.slice(-2000)}`);
  const before = counter.calls;
  counter.gets.clear();
  const plan = await tenantform(['plan', '--detailed-exitcode', '-c', dir], env);
  const planCalls = counter.calls - before;
  await emulator.close();
  if (plan.code !== 0) throw new Error(`large lists: plan exit ${plan.code}\n${plan.output.slice(-2000)}`);
  return {
    ...LARGE_LISTS,
    applyWallS: round(applied.wallS),
    applyCpuS: round(applied.cpuS, 2),
    planExit: plan.code,
    planWallS: round(plan.wallS, 1),
    planCpuS: round(plan.cpuS, 2),
    planCalls,
    clientPages: counter.gets.get('/api/v2/clients') ?? 0,
    rolePages: counter.gets.get('/api/v2/roles') ?? 0,
    refused: counter.refused,
  };
}

function table(rows: (string | number)[][]): string {
  const [head, ...body] = rows.map((r) => r.map(String));
  return [
    `| ${head!.join(' | ')} |`,
    `|${head!.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');

async function bench(): Promise<void> {
  const started = performance.now();
  log(`scale benchmark${QUICK ? ' (quick)' : ''}: ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`);
  log(
    `lists past 1,000: ${LARGE_LISTS.clients} clients and ${LARGE_LISTS.roles} roles, applied then planned …`,
  );
  const lists = await largeLists();
  log(`  ${JSON.stringify(lists)}`);
  const plans: PlanRun[] = [];
  let pair: ApplyRun[] = [];
  // The apply pair's size first, then the rest from the smallest: the figures that matter
  // most are in the log soonest.
  const order = [APPLY_PAIR_OBJECTS, ...PLAN_OBJECTS.filter((n) => n !== APPLY_PAIR_OBJECTS)];
  for (const objects of order) {
    log(
      `plan of ~${objects} objects${objects === APPLY_PAIR_OBJECTS ? ', and its apply at a terminal' : ''} …`,
    );
    const measured = await planAt(objects, objects === APPLY_PAIR_OBJECTS);
    plans.push(measured.plan);
    if (measured.pair) pair = measured.pair;
    log(`  ${JSON.stringify(measured)}`);
  }
  plans.sort((a, b) => a.objects - b.objects);
  const pages: Paging[] = [];
  for (const size of PAGE_SIZES) {
    log(`emulator pages at ${size} …`);
    pages.push(await pagingAt(size));
    log(`  ${JSON.stringify(pages.at(-1))}`);
  }
  closeAgent();
  const totalS = (performance.now() - started) / 1000;
  const text = section({ plans, pages, pair, lists, totalS, load: loadavg()[0] ?? 0 });
  log(`\n${text}`);
  if (process.env.BENCH_NO_WRITE !== '1') writeResultsSection('## Scale', text);
  rmSync(work, { recursive: true, force: true });
}

function section(p: {
  plans: PlanRun[];
  pages: Paging[];
  pair: ApplyRun[];
  lists: LargeListsRun;
  totalS: number;
  load: number;
}): string {
  const base = p.plans[0]!;
  const [small, large] = [p.pages[0]!, p.pages.at(-1)!];
  const plain = p.pair.find((r) => r.view === 'plain')!;
  const tty = p.pair.find((r) => r.view === 'tty')!;
  return `## Scale

Measured by \`npm run bench:scale\`${QUICK ? ' (quick)' : ''} on ${cpus().length} cores (load ${p.load.toFixed(1)} at the
end; the run took ${Math.round(p.totalS)} s). tenantform runs as its own process, which reports
its own CPU; emulators run in the benchmark's process. Ratios are against the first row of the
same run.

### Converged plans

The generated tenant (bench/generate-tenant.ts) at each size, applied first, then planned (no
change expected, exit 0) with no rate limit and at ${RATE} requests/s (burst ${BURST}, the
bucket full at the start). *read* is the plan's own report of reading the tenant (\`reading\`
in \`--format json\`); *per object* the calls made one per object (role permissions,
organization connections, connection clients: the API has no bulk read).

${table([
  [
    'objects',
    'apply wall s',
    'plan CPU s',
    'CPU ×',
    'calls',
    'per object',
    'wall s (no limit)',
    'read s',
    `wall s (${RATE}/s)`,
    `read s (${RATE}/s)`,
    'wall ×',
    'exit',
  ],
  ...p.plans.map((r) => [
    r.objects,
    r.applyWallS,
    r.cpuS,
    ratio(r.cpuS, base.cpuS),
    r.calls,
    r.perObjectCalls,
    r.wallS,
    r.readS,
    r.limitedWallS,
    r.limitedReadS,
    ratio(r.limitedWallS, base.limitedWallS),
    r.exitCodes,
  ]),
])}

- Objects ${ratio(p.plans.at(-1)!.objects, base.objects)}× → plan CPU ${ratio(p.plans.at(-1)!.cpuS, base.cpuS)}×, calls ${ratio(p.plans.at(-1)!.calls, base.calls)}×.
- At ${RATE}/s the calls bound the wall time: ${p.plans.map((r) => `${r.calls} calls ≈ ${(r.calls / RATE).toFixed(0)} s ideal, ${r.limitedWallS} s measured`).join('; ')}.

### Emulator pages

Whole listings of that many connections by checkpoint (\`take=100\`), best of a few (see the
Emulator section for the method).

${table([
  ['objects', 'pages', 'page ms (median)', 'last page ms', 'page CPU ms', 'whole listing ms'],
  ...p.pages.map((r) => [r.size, r.pages, r.pageMs, r.lastPageMs, r.pageCpuMs, r.wholeMs]),
])}

- ${large.size / small.size}× the objects: a page costs ${ratio(large.pageMs, small.pageMs)}× (median wall), ${ratio(large.pageCpuMs, small.pageCpuMs)}× (CPU).

### Apply at a terminal and with plain output

The same ${plain.objects}-object tenant applied to two fresh emulators (each keeping a --data
file): with stdout a pipe (plain lines; the apply of the converged-plan row) and at a
pseudo-terminal (\`script\`, 120×40: the interactive view).

${table([
  ['output', 'wall s', 'tenantform CPU s', 'output KiB'],
  ...p.pair.map((r) => [r.view, r.wallS, r.cpuS, r.outputKb]),
])}

- Terminal against plain: CPU ${ratio(tty.cpuS, plain.cpuS)}×, wall ${ratio(tty.wallS, plain.wallS)}×.

### Lists past 1,000 records

${p.lists.clients} clients and ${p.lists.roles} roles (one file) applied to a fresh emulator (no rate limit),
then planned: the plan must read every one of them and find no change. The API refuses offsets
past 1,000 records (\`400 invalid_paging\`); clients are listed by checkpoint, roles by offset
(the document sets no limit there).

${table([
  [
    'apply wall s',
    'apply CPU s',
    'plan exit',
    'plan wall s',
    'plan CPU s',
    'plan calls',
    'GET /clients',
    'GET /roles',
    '400s',
  ],
  [
    p.lists.applyWallS,
    p.lists.applyCpuS,
    String(p.lists.planExit),
    p.lists.planWallS,
    p.lists.planCpuS,
    p.lists.planCalls,
    p.lists.clientPages,
    p.lists.rolePages,
    p.lists.refused,
  ],
])}
`;
}

/**
 * BENCH_ONLY=tty: the apply pair of section 3 alone, at BENCH_TTY_OBJECTS (default the pair's
 * size), BENCH_TTY_ROUNDS times (default 1), plain then terminal in each round, each to a fresh
 * emulator keeping a --data file as in section 3. Prints each run and the CPU ratio of every
 * round, and the ratio of the sums; rounds alternate so load from other sessions falls on both.
 */
async function ttyPairs(): Promise<void> {
  const objects = Number(process.env.BENCH_TTY_OBJECTS ?? APPLY_PAIR_OBJECTS);
  const rounds = Number(process.env.BENCH_TTY_ROUNDS ?? 1);
  const { dir, total } = tenantOf(objects);
  log(
    `apply pair: ${total} objects, ${rounds} round(s), ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`,
  );
  const sums = { plain: 0, tty: 0 };
  for (let round_ = 0; round_ < rounds; round_++) {
    const cpu = { plain: 0, tty: 0 };
    for (const view of ['plain', 'tty'] as const) {
      const emulator = await countingEmulator({ dataFile: join(work, `pair-${round_}-${view}.data`) });
      const run = await tenantform(['apply', '--auto-approve', '-c', dir], emulator.env, view === 'tty');
      await emulator.emulator.close();
      if (run.code !== 0) throw new Error(`apply (${view}): exit ${run.code}\n${run.output.slice(-2000)}`);
      cpu[view] = run.cpuS;
      sums[view] += run.cpuS;
      log(
        `  ${view}: wall ${round(run.wallS)} s, CPU ${round(run.cpuS, 2)} s, output ${round(run.output.length / 1024)} KiB`,
      );
    }
    log(`  round ${round_ + 1}: CPU tty/plain ${ratio(cpu.tty, cpu.plain)}`);
  }
  log(
    `CPU tty/plain over ${rounds} round(s): ${ratio(sums.tty, sums.plain)} (${round(sums.tty, 2)} s / ${round(sums.plain, 2)} s)`,
  );
}

if (process.env.BENCH_ONLY === 'tty') {
  await ttyPairs();
  rmSync(work, { recursive: true, force: true });
} else if (process.env.BENCH_ONLY === 'lists') {
  log(JSON.stringify(await largeLists()));
  rmSync(work, { recursive: true, force: true });
} else await bench();
