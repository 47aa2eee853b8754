// Deployer benchmark: how close to the tenant's rate limit does tenantform apply a large tenant?
//
// For each run an emulator starts in-process with a token-bucket rate limit and latency, and
// the generated ~500-object config (bench/generate-tenant.ts) is applied to its empty tenant
// through the real command path, `main(['apply', '-c', DIR, '--auto-approve'], out, env)`.
// Every HTTP request tenantform sends is recorded by a counting wrapper around the global
// fetch (the Management API client takes the global fetch as its transport), and the time
// the client's rate-limit gate held requests back is read from the gate itself. Runs:
//   1. tenantform, default concurrency, on an empty tenant;
//   2. a second plan on that converged tenant (after the bucket refilled): list reads only;
//   3. the baseline: the same apply with --concurrency 1 (a naive sequential deployer) on a
//      fresh empty tenant with the same settings.
//   4. the same pair (default concurrency, then 1) at a higher latency on a smaller config,
//      where latency rather than the rate limit bounds a sequential deployer.
// It prints a table and rewrites the "Deployer" section of bench/RESULTS.md (other sections
// are kept as they are).
//
// Run: npm run bench   (about 2 minutes on 2 cores)
// Knobs (environment): BENCH_SCALE (config size factor, default 1 ≈ 500 objects),
// BENCH_RATE (requests/s, default 20), BENCH_BURST (default 20), BENCH_LATENCY_MS (default
// 30, ±50% jitter), BENCH_HIGH_LATENCY_MS (default 150), BENCH_ACTION_BUILD_MS (default 300),
// BENCH_NO_WRITE=1 (do not touch RESULTS.md), BENCH_TRACE=1 (per-request TSV in the temp dir).

import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RateLimitGate } from '../src/api/rate-limit-gate.ts';
import { main } from '../src/cli.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { countObjects, generateTenant, scaledSizes, writeTenant } from './generate-tenant.ts';
import { writeResultsSection } from './results-file.ts';
import { captureOutput, tenantEnv } from './command-harness.ts';

const num = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
};
const SCALE = num('BENCH_SCALE', 1);
const RATE = num('BENCH_RATE', 20);
const BURST = num('BENCH_BURST', 20);
const LATENCY_MS = num('BENCH_LATENCY_MS', 30);
const ACTION_BUILD_MS = num('BENCH_ACTION_BUILD_MS', 300);
/** The latency-bound pair: a smaller config (this share of the main one) at this latency. */
const HIGH_LATENCY_MS = num('BENCH_HIGH_LATENCY_MS', 150);
const LATENCY_PAIR_SCALE = 0.2;
const SEED = 'tenantform-bench';
const DEFAULT_CONCURRENCY = 8; // what `apply` uses without --concurrency (src/cli.ts)

// ---------------------------------------------------------------------------------------------
// Instrumentation: every request tenantform sends, and the gates its clients create.

type Kind = 'token' | 'read' | 'poll' | 'write';
interface Sent {
  method: string;
  path: string;
  kind: Kind;
  status: number;
  /** x-ratelimit-remaining and -reset (ms from the run's start) of the response. */
  remaining: number;
  resetMs: number;
  /** ms since the run started, when sent and when the response headers arrived. */
  start: number;
  end: number;
}

let recording: { sent: Sent[]; gates: Set<RateLimitGate>; t0: number } | undefined;

const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const rec = recording;
  const start = performance.now();
  const response = await realFetch(input, init);
  if (rec) {
    rec.sent.push({
      method,
      path: url.pathname,
      kind: kindOf(method, url.pathname),
      status: response.status,
      remaining: Number(response.headers.get('x-ratelimit-remaining') ?? Number.NaN),
      resetMs:
        Number(response.headers.get('x-ratelimit-reset') ?? Number.NaN) * 1000 -
        (Date.now() - (performance.now() - rec.t0)),
      start: start - rec.t0,
      end: performance.now() - rec.t0,
    });
  }
  return response;
}) as typeof fetch;

const realAcquire = RateLimitGate.prototype.acquire;
RateLimitGate.prototype.acquire = function (this: RateLimitGate) {
  recording?.gates.add(this);
  return realAcquire.call(this);
};

function kindOf(method: string, path: string): Kind {
  if (path.endsWith('/oauth/token')) return 'token';
  if (method !== 'GET') return 'write';
  // Waiting for an action's build: GET /actions/actions/{id}. Everything else read is a list.
  return /\/actions\/actions\/[^/]+$/.test(path) ? 'poll' : 'read';
}

const PATH_WORDS = new Set([
  'actions',
  'bindings',
  'client-grants',
  'clients',
  'connections',
  'deploy',
  'log-streams',
  'permissions',
  'resource-servers',
  'roles',
  'settings',
  'tenants',
  'triggers',
]);

/** `/api/v2/roles/rol_x/permissions` → `roles/{id}/permissions`, for the per-endpoint table. */
function endpointOf(path: string): string {
  return path
    .replace(/^\/api\/v2\//, '')
    .split('/')
    .map((segment, i, all) => (PATH_WORDS.has(segment) || all[i - 1] === 'triggers' ? segment : '{id}'))
    .join('/');
}

// ---------------------------------------------------------------------------------------------
// Runs

interface Measured {
  label: string;
  exitCode: number;
  wallMs: number;
  sent: Sent[];
  gateWaitedMs: number;
  output: string;
}

async function measure(label: string, argv: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  const out = captureOutput();
  recording = { sent: [], gates: new Set(), t0: performance.now() };
  const rec = recording;
  const exitCode = await main(argv, out, env);
  const wallMs = performance.now() - rec.t0;
  recording = undefined;
  const gateWaitedMs = [...rec.gates].reduce((sum, gate) => sum + gate.waitedMs, 0);
  if (process.env.BENCH_TRACE) {
    const file = join(tmpdir(), `tenantform-bench-trace-${label.replace(/\W+/g, '-')}.tsv`);
    writeFileSync(
      file,
      rec.sent
        .map((s) =>
          [
            s.start.toFixed(0),
            s.end.toFixed(0),
            s.method,
            endpointOf(s.path),
            s.status,
            s.remaining,
            s.resetMs.toFixed(0),
          ].join('\t'),
        )
        .join('\n'),
    );
    process.stderr.write(`trace: ${file}\n`);
  }
  return { label, exitCode, wallMs, sent: rec.sent, gateWaitedMs, output: out.text() };
}

/** `latencyMs` undefined: no rate limit and no latency (the warm-up). */
async function withEmulator<T>(
  latencyMs: number | undefined,
  fn: (env: NodeJS.ProcessEnv) => Promise<T>,
): Promise<T> {
  const emulator = await startEmulator({
    rateLimit: latencyMs === undefined ? undefined : RATE,
    burst: BURST,
    latencyMs,
    actionBuildMs: ACTION_BUILD_MS,
    seed: SEED,
  });
  const env = tenantEnv(emulator.credentials);
  try {
    return await fn(env);
  } finally {
    await emulator.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Figures

interface Figures {
  label: string;
  exitCode: number;
  wallS: number;
  total: number;
  token: number;
  reads: number;
  polls: number;
  writes: number;
  rateLimited: number;
  gateWaitedS: number;
  /** List reads and writes that succeeded: what the plan and apply strictly need. */
  minCalls: number;
  idealS: number;
  ratio: number;
  /** Requests per second over the run (all requests, the token included). */
  achievedRps: number;
  /** Time the server's bucket sat full with nothing sent: capacity lost (replayed). */
  bucketFullS: number;
  /** main() start → first request: config load and validation, before any network. */
  localS: number;
  /** First request → end: what the rate limit and the scheduler govern. */
  networkS: number;
  networkRatio: number;
  /** First request → first write (token, list reads, diff), and first write → end. */
  planS: number;
  applyS: number;
  byEndpoint: Map<string, { calls: number; rateLimited: number }>;
}

function figures(run: Measured): Figures {
  const ok = (s: Sent) => s.status >= 200 && s.status < 300;
  const count = (kind: Kind, pred: (s: Sent) => boolean = () => true) =>
    run.sent.filter((s) => s.kind === kind && pred(s)).length;
  const minCalls = count('read', ok) + count('write', ok);
  const idealS = minCalls / RATE;
  const wallS = run.wallMs / 1000;
  const firstSent = run.sent.length ? Math.min(...run.sent.map((s) => s.start)) : run.wallMs;
  const firstWrite = Math.min(...run.sent.filter((s) => s.kind === 'write').map((s) => s.start));
  const byEndpoint = new Map<string, { calls: number; rateLimited: number }>();
  for (const s of run.sent) {
    const key = `${s.method} ${s.kind === 'token' ? 'oauth/token' : endpointOf(s.path)}`;
    const entry = byEndpoint.get(key) ?? { calls: 0, rateLimited: 0 };
    entry.calls += 1;
    if (s.status === 429) entry.rateLimited += 1;
    byEndpoint.set(key, entry);
  }
  return {
    label: run.label,
    exitCode: run.exitCode,
    wallS,
    total: run.sent.length,
    token: count('token'),
    reads: count('read'),
    polls: count('poll'),
    writes: count('write'),
    rateLimited: run.sent.filter((s) => s.status === 429).length,
    gateWaitedS: run.gateWaitedMs / 1000,
    minCalls,
    idealS,
    ratio: wallS / idealS,
    achievedRps: run.sent.length / wallS,
    bucketFullS: bucketFullIdle(run.sent) / 1000,
    localS: firstSent / 1000,
    networkS: wallS - firstSent / 1000,
    networkRatio: (wallS - firstSent / 1000) / idealS,
    planS: (Number.isFinite(firstWrite) ? firstWrite : run.wallMs) / 1000 - firstSent / 1000,
    applyS: Number.isFinite(firstWrite) ? wallS - firstWrite / 1000 : 0,
    byEndpoint,
  };
}

/**
 * Replays the server's token bucket (RATE/s, BURST) over the recorded send times and adds up
 * the time the bucket sat full while tenantform sent nothing: refill thrown away, capacity lost
 * for good (an empty stretch while the bucket is still filling costs nothing, the tokens wait).
 * Measured from the first request to the last response; the bucket starts full.
 */
function bucketFullIdle(sent: Sent[]): number {
  if (sent.length === 0) return 0;
  const starts = sent.map((s) => s.start).sort((a, b) => a - b);
  const end = Math.max(...sent.map((s) => s.end));
  let tokens = BURST;
  let last = starts[0];
  let full = 0;
  for (const t of [...starts, end]) {
    const dt = t - last;
    if (dt > 0) {
      const untilFull = tokens >= BURST ? 0 : ((BURST - tokens) / RATE) * 1000;
      full += Math.max(0, dt - untilFull);
      tokens = Math.min(BURST, tokens + (dt / 1000) * RATE);
    }
    tokens = Math.max(0, tokens - 1);
    last = t;
  }
  // The last step above spent a token for the end marker; it does not change the sum.
  return full;
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const sep = `|${widths.map((w, c) => (c === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join('\n');
}

function runsTable(all: Figures[]): string {
  const header = [
    'run',
    'exit',
    'wall s',
    'local s',
    'network s',
    'API calls',
    'list reads',
    'writes',
    'build polls',
    '429s',
    'gate waited s',
    'bucket full s',
    'min calls',
    'ideal s',
    'wall ÷ ideal',
    'network ÷ ideal',
  ];
  return table([
    header,
    ...all.map((f) => [
      f.label,
      String(f.exitCode),
      f1(f.wallS),
      f1(f.localS),
      f1(f.networkS),
      String(f.total),
      String(f.reads),
      String(f.writes),
      String(f.polls),
      String(f.rateLimited),
      f1(f.gateWaitedS),
      f1(f.bucketFullS),
      String(f.minCalls),
      f1(f.idealS),
      f2(f.ratio),
      f2(f.networkRatio),
    ]),
  ]);
}

function endpointTable(all: Figures[]): string {
  const keys = [...new Set(all.flatMap((f) => [...f.byEndpoint.keys()]))].sort((a, b) => {
    const [ma, pa] = a.split(' ');
    const [mb, pb] = b.split(' ');
    return pa.localeCompare(pb) || ma.localeCompare(mb);
  });
  return table([
    ['endpoint', ...all.map((f) => f.label)],
    ...keys.map((key) => [
      key,
      ...all.map((f) => {
        const e = f.byEndpoint.get(key);
        return e ? `${e.calls}${e.rateLimited ? ` (${e.rateLimited}×429)` : ''}` : '–';
      }),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------

const log = (text: string) => process.stdout.write(`${text}\n`);

async function bench(): Promise<void> {
  const benchStarted = performance.now();
  const loadAtStart = loadavg()[0];
  const sizes = scaledSizes(SCALE);
  const tenant = generateTenant(sizes);
  const counts = countObjects(tenant);
  const objectTotal = Object.values(counts).reduce((a, b) => a + b, 0);
  const dir = writeTenant(join(tmpdir(), `tenantform-bench-${process.pid}`), tenant);
  const smallSizes = scaledSizes(SCALE * LATENCY_PAIR_SCALE);
  const small = generateTenant(smallSizes);
  const smallTotal = Object.values(countObjects(small)).reduce((a, b) => a + b, 0);
  const smallDir = writeTenant(join(tmpdir(), `tenantform-bench-small-${process.pid}`), small);
  log(`tenantform deployer benchmark: ${objectTotal} objects (${describeCounts(counts)})`);
  log(
    `emulator: ${RATE} req/s, burst ${BURST}, latency ${LATENCY_MS} ms ±50%, action build ${ACTION_BUILD_MS} ms`,
  );

  const apply = (config: string, concurrency?: number) => [
    'apply',
    '-c',
    config,
    '--auto-approve',
    ...(concurrency ? ['--concurrency', String(concurrency)] : []),
  ];

  // Loading modules and compiling the config schema happen once per process; pay them here,
  // timed, so that every measured run starts on equal terms. The emulator, in the same
  // process, compiles each operation's validators on first use: one unmetered apply of the
  // small config warms those too, so the first measured run does not pay for the emulator.
  const warmStarted = performance.now();
  const validated = await main(['validate', '-c', dir], captureOutput(), process.env);
  const coldLoadS = (performance.now() - warmStarted) / 1000;
  if (validated !== 0) throw new Error(`the generated config does not validate (exit ${validated})`);
  log(`  cold start (modules, schema compile, config load and validation): ${f1(coldLoadS)} s`);
  const warmedUp = await withEmulator(undefined, (env) => main(apply(smallDir), captureOutput(), env));
  if (warmedUp !== 0) throw new Error(`the warm-up apply failed (exit ${warmedUp})`);

  const runs: Measured[] = [];
  const check = (run: Measured, expected: number) => {
    log(`  ${run.label}: exit ${run.exitCode} in ${f1(run.wallMs / 1000)} s, ${run.sent.length} requests`);
    if (run.exitCode !== expected) {
      process.stderr.write(
        `\n${run.label} exited ${run.exitCode} (expected ${expected}); its output ends:\n`,
      );
      process.stderr.write(`${run.output.split('\n').slice(-40).join('\n')}\n`);
    }
    runs.push(run);
  };

  await withEmulator(LATENCY_MS, async (env) => {
    check(await measure(`tenantform (concurrency ${DEFAULT_CONCURRENCY})`, apply(dir), env), 0);
    // A later plan starts with a full bucket, as a user's next run would.
    await sleep((BURST / RATE) * 1000 + 200);
    check(await measure('second plan (converged)', ['plan', '-c', dir, '--detailed-exitcode'], env), 0);
  });
  await withEmulator(LATENCY_MS, async (env) => {
    check(await measure('baseline (concurrency 1)', apply(dir, 1), env), 0);
  });
  // The same comparison where latency, not the rate limit, bounds a sequential deployer.
  await withEmulator(HIGH_LATENCY_MS, async (env) => {
    check(await measure(`${HIGH_LATENCY_MS} ms: tenantform`, apply(smallDir), env), 0);
  });
  await withEmulator(HIGH_LATENCY_MS, async (env) => {
    check(await measure(`${HIGH_LATENCY_MS} ms: baseline`, apply(smallDir, 1), env), 0);
  });

  const all = runs.map(figures);
  const [applied, replanned, baseline, highApplied, highBaseline] = all;
  const benchS = (performance.now() - benchStarted) / 1000;

  const summary = [
    `- **tenantform, default concurrency ${DEFAULT_CONCURRENCY}**: ${f1(applied.wallS)} s for ${applied.minCalls} necessary calls ` +
      `(ideal ${f1(applied.idealS)} s at ${RATE}/s): **${f2(applied.ratio)}× the ideal** ` +
      `(${f2(applied.networkRatio)}× counting from the first request); ${applied.total} calls in all ` +
      `(${applied.writes} writes, ${applied.reads} list reads, ${applied.polls} build polls, ${applied.token} token), ` +
      `${applied.rateLimited} × 429, gate held requests back ${f1(applied.gateWaitedS)} s, ` +
      `bucket sat full ${f1(applied.bucketFullS)} s.`,
    `- **baseline, sequential (--concurrency 1)**: ${f1(baseline.wallS)} s (${f2(baseline.ratio)}× the ideal); ` +
      `tenantform's default takes **${f2(applied.wallS / baseline.wallS)}× the baseline's wall time** ` +
      `(${f2(baseline.wallS / applied.wallS)}× as fast).`,
    `- **at ${HIGH_LATENCY_MS} ms latency** (${smallTotal} objects): tenantform ${f1(highApplied.wallS)} s ` +
      `(${f2(highApplied.ratio)}× its ideal of ${f1(highApplied.idealS)} s), sequential ${f1(highBaseline.wallS)} s ` +
      `(${f2(highBaseline.ratio)}×): tenantform takes **${f2(highApplied.wallS / highBaseline.wallS)}× the baseline's time** ` +
      `(${f2(highBaseline.wallS / highApplied.wallS)}× as fast).`,
    `- **second plan on the converged tenant**: exit ${replanned.exitCode} (0 = no changes), ` +
      `${replanned.total} calls (${replanned.reads} list reads, ${replanned.writes} writes, ${replanned.token} token, ` +
      `${replanned.rateLimited} × 429) in ${f1(replanned.wallS)} s (ideal ${f1(replanned.idealS)} s: ${f2(replanned.ratio)}×).`,
    `- **cold start**: ${f1(coldLoadS)} s once per process (module loading, config schema compile, loading and ` +
      `validating ${objectTotal} objects); the runs above start warm.`,
  ];

  const perRole = replanned.byEndpoint.get('GET roles/{id}/permissions')?.calls ?? 0;
  const findings = [
    `- The apply is rate-limit bound: the gate held requests back ${f1(applied.gateWaitedS)} s of its ` +
      `${f1(applied.networkS)} s network time, as it should when the tenant is the limit. What separates it ` +
      `from the ideal: ${applied.polls} build polls (${f1(applied.polls / RATE)} s of rate limit), ` +
      `${applied.rateLimited} × 429 (each pauses every request until the reset, up to ~1.25 s), ` +
      `${f1(applied.bucketFullS)} s with the bucket full and nothing sent.`,
    `- The second plan needs ${replanned.reads} list reads, ${perRole} of them \`GET /roles/{id}/permissions\`, ` +
      `one per role (the Management API has no bulk read of role permissions): ${f1(perRole / RATE)} s of its ` +
      `${f1(replanned.wallS)} s. Every other type is one paginated list.`,
    `- Sequential apply is nearly as fast at ${LATENCY_MS} ms (one request per ~${LATENCY_MS} ms already meets ` +
      `${RATE}/s); it loses time mostly waiting for each action's build (${baseline.polls} polls). At ` +
      `${HIGH_LATENCY_MS} ms latency it is latency bound (${f2(highBaseline.ratio)}× the ideal) while ` +
      `tenantform stays at ${f2(highApplied.ratio)}×.`,
  ];
  const runsMd = runsTable(all);
  const endpointsMd = endpointTable(all);
  log('');
  log(runsMd);
  log('');
  log(summary.join('\n'));
  log('');
  log(findings.join('\n'));
  log('');
  log(endpointsMd);
  log(`\nwhole benchmark: ${f1(benchS)} s (load average at start ${loadAtStart.toFixed(1)})`);

  if (!process.env.BENCH_NO_WRITE) {
    writeResultsSection(
      '## Deployer',
      deployerSection({
        objectTotal,
        smallTotal,
        counts,
        runsMd,
        endpointsMd,
        summary,
        findings,
        benchS,
        loadAtStart,
      }),
    );
    log('figures written to bench/RESULTS.md (Deployer section)');
  }
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
}

function deployerSection(p: {
  objectTotal: number;
  smallTotal: number;
  counts: Record<string, number>;
  runsMd: string;
  endpointsMd: string;
  summary: string[];
  findings: string[];
  benchS: number;
  loadAtStart: number;
}): string {
  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const knobs = [
    SCALE !== 1 ? `BENCH_SCALE=${SCALE}` : '',
    RATE !== 20 ? `BENCH_RATE=${RATE}` : '',
    BURST !== 20 ? `BENCH_BURST=${BURST}` : '',
    LATENCY_MS !== 30 ? `BENCH_LATENCY_MS=${LATENCY_MS}` : '',
    HIGH_LATENCY_MS !== 150 ? `BENCH_HIGH_LATENCY_MS=${HIGH_LATENCY_MS}` : '',
    ACTION_BUILD_MS !== 300 ? `BENCH_ACTION_BUILD_MS=${ACTION_BUILD_MS}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `## Deployer

How close to the tenant's rate limit tenantform applies a large tenant. Written by
\`bench/run.ts\`; re-running it rewrites this section only.

- **Date**: ${date}; **machine**: ${availableParallelism()} cores (nproc), ${cpu}, Node ${process.version};
  load average ${p.loadAtStart.toFixed(1)} at the start (other work shared the machine: CPU-bound
  phases, such as the cold start, vary from run to run; the rate-limited phases much less).
- **Command**: \`${knobs ? `${knobs} ` : ''}npm run bench\` (the whole benchmark took ${p.benchS.toFixed(0)} s)
- **Config**: ${p.objectTotal} objects generated by \`bench/generate-tenant.ts\` (${describeCounts(p.counts)});
  the latency pair uses the same generator at ${LATENCY_PAIR_SCALE * SCALE}× (${p.smallTotal} objects).
- **Emulator**: in-process, a fresh empty tenant for every apply; token bucket of ${RATE} requests/s,
  burst ${BURST}; latency ${LATENCY_MS} ms ±50% per request (${HIGH_LATENCY_MS} ms ±50% for the latency pair);
  actions take ${ACTION_BUILD_MS} ms to build.
- **Path**: \`main(['apply', '-c', DIR, '--auto-approve'], out, env)\` (and \`--concurrency 1\`
  for the baseline, \`plan --detailed-exitcode\` for the second plan): the CLI's own code path,
  over HTTP. Requests are counted by a wrapper around the global fetch (the API client's
  transport); "gate waited" is the client's rate-limit gate's own \`waitedMs\` (429 pauses and pacing).

${p.summary.join('\n')}

${p.runsMd}

**Where the time goes** (this run):

${p.findings.join('\n')}

**Fixed after the first runs** (commit cfb9fb6, \`src/api/rate-limit-gate.ts\`): replies come back out
of order, and the gate took the budget from whichever reply arrived last, even an older one
carrying a higher \`remaining\`. In a second plan (150 role-permission reads fired at once) a
reply sent at t=3.66 s with remaining 16 arrived after replies reporting 5; the gate sent 12
requests at once and got 3 × 429 and a 1.1 s pause. The gate now reads the budget only from the
newest request's reply, minus the requests sent after it that are still in flight (those sent
before it are already counted by the server). An occasional 429 (0–2 per apply in our runs), after a whole-second
\`x-ratelimit-reset\` passes and the gate assumes a token is back, is left as it is.

**The ideal.** minimum calls = the list reads the plan needs + one write per write call the
adapters make (POST/PATCH/DELETE answered 2xx), both counted from the run itself. Not in the
minimum: build polls (\`GET /actions/actions/{id}\` until a new action is built, before its
deploy), the token request, and retries after 429s. ideal = minimum calls ÷ ${RATE} req/s, so
"wall ÷ ideal" = 1.00 means every necessary call went out exactly at the rate limit with no
overhead at all. The bucket's initial burst of ${BURST} makes (minimum − ${BURST}) ÷ rate the hard
floor, slightly below the ideal; actions must also build (${ACTION_BUILD_MS} ms) before they are deployed
and bound, which no deployer can skip.

**Columns.** *local*: from \`main()\` to the first request (config loading, validation; warm, see
cold start). *network*: first request to the end; "network ÷ ideal" is what the scheduler and the
gate are responsible for. *bucket full*: the server's bucket replayed over the recorded send
times: time it sat full while nothing was sent, i.e. rate-limit capacity lost for good
(an empty stretch while the bucket refills costs nothing: the tokens wait).

Calls per endpoint (429s in brackets):

${p.endpointsMd}
`;
}

await bench();
