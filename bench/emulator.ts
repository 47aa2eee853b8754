// Emulator benchmark, every figure and ratio from this one run:
//   1. throughput: requests per second the emulator sustains per scenario (loopback, bounded
//      5 s runs), so deployer benchmarks know the emulator is not their limit;
//   2. paging at scale: one page, and a whole listing by checkpoint, of 1,000 and of 40,000
//      connections (a page must cost the same at both sizes; a whole listing, its length);
//   3. the emulator's CPU during a large apply (the generated tenant at BENCH_APPLY_SCALE,
//      ≈ 5,000 objects) without and with --data: the emulator runs as its own process
//      (`tenantform emulator`), tenantform applies through main(), and the emulator's CPU is
//      read from /proc before and after;
//   4. the calls of a converged plan of the generated tenant when connections list their
//      enabled_clients (tenants before the deprecation) and when they do not (current ones).
// It prints the figures and rewrites the "Emulator" section of bench/RESULTS.md.
//
// Run: npm run bench:emulator   (3–5 minutes on 2 shared cores)
// Knobs: BENCH_DURATION_MS (5000), BENCH_CONCURRENCY (32), BENCH_PAGE_SIZES (1000,40000),
// BENCH_APPLY_SCALE (10), BENCH_PLAN_SCALE (1), BENCH_NO_WRITE=1 (leave RESULTS.md alone).

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { updateMeta } from '../src/emulator/state/emulator-meta.ts';
import { countObjects, generateTenant, scaledSizes, writeTenant } from './generate-tenant.ts';
import { writeResultsSection } from './results-file.ts';
import { captureOutput, tenantEnv } from './command-harness.ts';
import {
  closeAgent,
  headersFor,
  LISTINGS,
  num,
  type Paging,
  pagingAt,
  round,
  send,
  TAKE,
} from './emulator-paging.ts';

const DURATION_MS = num('BENCH_DURATION_MS', 5000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 32);
const PAGE_SIZES = (process.env.BENCH_PAGE_SIZES ?? '1000,40000').split(',').map(Number);
const APPLY_SCALE = num('BENCH_APPLY_SCALE', 10);
const PLAN_SCALE = num('BENCH_PLAN_SCALE', 1);
const BIN = fileURLToPath(new URL('../bin/tenantform.js', import.meta.url));

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Throughput {
  name: string;
  perSecond: number;
  requests: number;
  errors: number;
}

async function throughput(): Promise<Throughput[]> {
  const emulator = await startEmulator({});
  const headers = await headersFor(emulator);
  const api = `${emulator.url}/api/v2`;
  for (let i = 0; i < 200; i++)
    await send(`${api}/roles`, 'POST', headers, JSON.stringify({ name: `seed-${i}` }));
  const scenarios: {
    name: string;
    method: string;
    path: (i: number) => string;
    body?: (i: number) => unknown;
  }[] = [
    {
      name: '`GET /api/v2/clients/{id}`',
      method: 'GET',
      path: () => `/clients/${emulator.credentials.clientId}`,
    },
    {
      name: '`GET /api/v2/roles?per_page=50&include_totals=true` (200 roles)',
      method: 'GET',
      path: () => '/roles?per_page=50&include_totals=true',
    },
    {
      name: '`POST /api/v2/roles` (validated, 409-checked create)',
      method: 'POST',
      path: () => '/roles',
      body: (i) => ({ name: `bench-role-${i}`, description: 'bench' }),
    },
  ];
  let counter = 0;
  const results: Throughput[] = [];
  for (const scenario of scenarios) {
    const run = async (ms: number) => {
      let requests = 0;
      let errors = 0;
      const deadline = performance.now() + ms;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < deadline) {
            const i = counter++;
            const body = scenario.body ? JSON.stringify(scenario.body(i)) : undefined;
            const response = await send(`${api}${scenario.path(i)}`, scenario.method, headers, body);
            requests++;
            if (response.status >= 300) errors++;
          }
        }),
      );
      return { requests, errors };
    };
    await run(1000); // warm-up: JIT and the operation's compiled validators
    const started = performance.now();
    const { requests, errors } = await run(DURATION_MS);
    const seconds = (performance.now() - started) / 1000;
    results.push({ name: scenario.name, requests, errors, perSecond: Math.round(requests / seconds) });
  }
  await emulator.close();
  return results;
}

// ---------------------------------------------------------------------------------------------
// 3. Emulator CPU during a large apply

interface ApplyCpu {
  label: string;
  exitCode: number;
  objects: number;
  applyWallS: number;
  emulatorCpuS: number;
  dataBytes?: number;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** user + system CPU seconds a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": state is field 3, utime 14 and stime 15 of the whole line.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Waits until the process stops using CPU (writes that trail the last reply finish too). */
async function settled(pid: number): Promise<number> {
  let last = cpuSeconds(pid);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuSeconds(pid);
    if (now - last < 0.02) return now;
    last = now;
  }
}

function startEmulatorProcess(args: string[]): Promise<{ child: ChildProcess; env: NodeJS.ProcessEnv }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [BIN, 'emulator', '--port', '0', '--action-build-ms', '0', ...args],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      const value = (name: string) => new RegExp(`export ${name}=(\\S+)`).exec(stdout)?.[1];
      const [domain, id, secret] = ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET'].map(value);
      if (domain && id && secret) {
        resolve({ child, env: tenantEnv({ domain, clientId: id, clientSecret: secret }) });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

async function applyCpu(
  label: string,
  config: string,
  objects: number,
  dataFile?: string,
): Promise<ApplyCpu> {
  const { child, env } = await startEmulatorProcess(dataFile ? ['--data', dataFile] : []);
  const pid = child.pid!;
  try {
    const before = await settled(pid);
    const started = performance.now();
    const out = captureOutput();
    const exitCode = await main(['apply', '-c', config, '--auto-approve'], out, env);
    const applyWallS = (performance.now() - started) / 1000;
    if (exitCode !== 0) log(out.text().split('\n').slice(-20).join('\n'));
    const after = await settled(pid);
    return {
      label,
      exitCode,
      objects,
      applyWallS: round(applyWallS),
      emulatorCpuS: round(after - before, 2),
      dataBytes: dataFile ? statSync(dataFile).size : undefined,
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Plan calls with and without enabled_clients in the connections list

interface PlanCalls {
  label: string;
  exitCode: number;
  calls: number;
  connectionClientReads: number;
}

async function planCalls(config: string): Promise<PlanCalls[]> {
  const emulator = await startEmulator({ actionBuildMs: 0 });
  const env = tenantEnv(emulator.credentials);
  const applied = await main(['apply', '-c', config, '--auto-approve'], captureOutput(), env);
  if (applied !== 0) throw new Error('plan calls: the apply failed');
  const realFetch = globalThis.fetch;
  const results: PlanCalls[] = [];
  try {
    for (const legacy of [true, false]) {
      updateMeta(emulator.store, { legacy_enabled_clients: legacy });
      const paths: string[] = [];
      globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
        paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
        return realFetch(input, init);
      }) as typeof fetch;
      const exitCode = await main(['plan', '-c', config, '--detailed-exitcode'], captureOutput(), env);
      globalThis.fetch = realFetch;
      results.push({
        label: legacy
          ? 'connections list enabled_clients (older tenants)'
          : 'connections omit enabled_clients (current)',
        exitCode,
        calls: paths.length,
        connectionClientReads: paths.filter((p) => /\/connections\/[^/]+\/clients$/.test(p)).length,
      });
    }
  } finally {
    globalThis.fetch = realFetch;
    await emulator.close();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

function table(rows: (string | number)[][]): string {
  const [head, ...body] = rows.map((r) => r.map(String));
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

async function bench(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  log(`emulator benchmark: ${cpus().length} cores, load average ${loadAtStart.toFixed(1)}`);

  const rates = await throughput();
  for (const r of rates)
    log(`${String(r.perSecond).padStart(7)} req/s  ${r.name}  (${r.requests} requests, ${r.errors} errors)`);

  const paging: Paging[] = [];
  for (const size of PAGE_SIZES) {
    const result = await pagingAt(size);
    paging.push(result);
    log(
      `paging ${size} connections: page ${result.pageMs} ms (first ${result.firstPageMs}, last ${result.lastPageMs}; ` +
        `CPU ${result.pageCpuMs} ms), whole listing ${result.wholeMs} ms (CPU ${result.wholeCpuMs} ms) in ` +
        `${result.pages} pages, offset page 9 ${result.offsetPageMs} ms`,
    );
  }

  // First, as it also warms tenantform up (modules, config schema) for the timed applies.
  const work = mkdtempSync(join(tmpdir(), 'tenantform-bench-emulator-'));
  const planTenant = generateTenant(scaledSizes(PLAN_SCALE));
  const planObjects = Object.values(countObjects(planTenant)).reduce((a, b) => a + b, 0);
  const plans = await planCalls(writeTenant(join(work, 'plan-tenant'), planTenant));
  for (const p of plans)
    log(
      `plan of ${planObjects} objects, ${p.label}: exit ${p.exitCode}, ${p.calls} calls (${p.connectionClientReads} connection-clients reads)`,
    );

  const applyTenant = generateTenant(scaledSizes(APPLY_SCALE));
  const applyObjects = Object.values(countObjects(applyTenant)).reduce((a, b) => a + b, 0);
  const applyDir = writeTenant(join(work, 'apply-tenant'), applyTenant);
  const applies: ApplyCpu[] = [];
  for (const [label, dataFile] of [
    ['in memory', undefined],
    ['with --data', join(work, 'data', 'tenant.json')],
  ] as const) {
    const result = await applyCpu(label, applyDir, applyObjects, dataFile);
    applies.push(result);
    log(
      `apply of ${applyObjects} objects, emulator ${label}: exit ${result.exitCode}, ${result.applyWallS} s wall, ` +
        `emulator CPU ${result.emulatorCpuS} s${result.dataBytes ? `, data file ${(result.dataBytes / 1e6).toFixed(1)} MB` : ''}`,
    );
  }

  closeAgent();

  const totalS = (performance.now() - started) / 1000;
  if (!process.env.BENCH_NO_WRITE) {
    writeResultsSection(
      '## Emulator',
      section({ rates, paging, applies, applyObjects, plans, planObjects, loadAtStart, totalS }),
    );
    log('figures written to bench/RESULTS.md (Emulator section)');
  }
}

function section(p: {
  rates: Throughput[];
  paging: Paging[];
  applies: ApplyCpu[];
  applyObjects: number;
  plans: PlanCalls[];
  planObjects: number;
  loadAtStart: number;
  totalS: number;
}): string {
  const [small, large] = [p.paging[0], p.paging[p.paging.length - 1]];
  const [memory, data] = p.applies;
  const [legacy, current] = p.plans;
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '–');
  return `## Emulator

Written by \`npm run bench:emulator\` (\`bench/emulator.ts\`); re-running it rewrites this section.
Date ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, load average
${p.loadAtStart.toFixed(1)} at the start (other work shares the machine: figures are floors, ratios
within one run are what to compare). The whole run took ${Math.round(p.totalS)} s.

### Throughput

One in-process emulator over loopback http, ${CONCURRENCY} keep-alive connections, 1 s warm-up then
${DURATION_MS / 1000} s per scenario; the client shares the cores with the server.

${table([['scenario', 'req/s', 'requests', 'errors'], ...p.rates.map((r) => [r.name, r.perSecond, r.requests, r.errors])])}

Even a loaded machine's few hundred requests per second are 10–100× the real Management API's
limits (2/s free, 16/s enterprise production): the emulator is not the bottleneck of a deployer
benchmark unless that benchmark turns rate limiting off.

### Paging at scale

\`GET /api/v2/connections?take=${TAKE}\` followed by \`next\` to the end (a whole listing by checkpoint),
${LISTINGS} times after a warm-up listing, in one process with its emulator: page times are medians (first and last
page: medians of theirs), whole listings the fastest; CPU is the process's (client and emulator),
which other work on the machine disturbs much less than wall time. Also an offset page with totals
near the 1,000-record limit (\`page=9&per_page=100&include_totals=true\`, median of 20).
Connections of ≈ 600 bytes.

${table([
  [
    'connections',
    'pages',
    'page ms',
    'first page ms',
    'last page ms',
    'page CPU ms',
    'whole listing ms',
    'whole listing CPU ms',
    'offset page 9 ms',
  ],
  ...p.paging.map((r) => [
    r.size,
    r.pages,
    r.pageMs,
    r.firstPageMs,
    r.lastPageMs,
    r.pageCpuMs,
    r.wholeMs,
    r.wholeCpuMs,
    r.offsetPageMs,
  ]),
])}

- A page at ${large.size.toLocaleString('en')} costs **${ratio(large.pageCpuMs, small.pageCpuMs)}×** the CPU of a page at ${small.size.toLocaleString('en')}
  (${ratio(large.pageMs, small.pageMs)}× the wall time): constant, as each page reads only its own items and a cursor seeks
  by binary search.
- The whole listing costs **${ratio(large.wholeCpuMs, small.wholeCpuMs)}×** the CPU (${ratio(large.wholeMs, small.wholeMs)}× the wall time) for ${ratio(large.size, small.size)}× the
  connections: linear.
- Before: every page re-processed the whole collection, so a whole listing was quadratic
  (issue 16: 26 ms for 1,000 connections, 11.6 s for 40,000; see "Before the emulator
  hardening" below for this benchmark on the earlier code).

### Emulator CPU during a large apply

\`tenantform apply\` of the generated tenant (${p.applyObjects} objects, \`bench/generate-tenant.ts\` at ×${APPLY_SCALE}) into a
fresh emulator running as its own process (\`tenantform emulator --port 0 --action-build-ms 0\`,
no rate limit); the emulator's user + system CPU from /proc, from before the apply until it
is idle after it.

${table([
  ['emulator', 'apply exit', 'apply wall s', 'emulator CPU s', 'data file'],
  ...p.applies.map((r) => [
    r.label,
    r.exitCode,
    r.applyWallS,
    r.emulatorCpuS,
    r.dataBytes ? `${(r.dataBytes / 1e6).toFixed(1)} MB` : '–',
  ]),
])}

- Keeping the tenant in \`--data\` costs **${ratio(data.emulatorCpuS, memory.emulatorCpuS)}×** the CPU of keeping it in memory:
  each change is appended (one JSON line, written before the reply), and the file is rewritten
  whole only when the appended records outgrow it.
- Before: every burst of changes re-serialised the whole store (issue 16: 3.0 s without and
  11 s with \`--data\`, 3.7×; see "Before the emulator hardening" below).

### Plan calls and connections' enabled_clients

A converged plan of the generated tenant (${p.planObjects} objects, ×${PLAN_SCALE}) on one emulator, first with
connections listing their deprecated \`enabled_clients\` (tenants before the deprecation, and
the older recordings), then without (current tenants: the newest recordings answer it on
create only), where tenantform reads \`GET /connections/{id}/clients\` for each connection.

${table([
  ['connections', 'plan exit', 'calls', 'GET /connections/{id}/clients'],
  ...p.plans.map((r) => [r.label, r.exitCode, r.calls, r.connectionClientReads]),
])}

- Current tenants cost **${current.calls - legacy.calls}** more calls per plan (${ratio(current.calls, legacy.calls)}×): one per connection.
`;
}

await bench();
