// `npm run bench:peer`: tenantform and auth0-deploy-cli 8.44 deploy the same ~300-object tenant
// (bench/generate-tenant.ts at 0.6×, and bench/peer-tenant.ts's translation of it) to emulators
// with the same settings: TLS, a token bucket of 20 requests/s with burst 20, 30 ms ±50% latency.
// Each tool gets its own fresh emulator and runs, in turn: (a) create in the empty tenant,
// (b) the same run again, unchanged, (c) after one field of one client changed. Both run as the
// user runs them, as child processes over https; the emulator counts what they send.
//
// Writes the "Side by side with auth0-deploy-cli" section of bench/RESULTS.md
// (BENCH_NO_WRITE=1 to only print).

import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../src/emulator/index.ts';
import { A0DEPLOY, writeDeployCliConfig } from '../test/fixtures/deploy-cli/run-deploy-cli.ts';
import { countObjects, generateTenant, scaledSizes, writeTenant } from './generate-tenant.ts';
import { toDeployCli, writeDeployCliTenant } from './peer-tenant.ts';
import { writeResultsSection } from './results-file.ts';
import { runNode } from './run-node.ts';

const TENANTFORM = fileURLToPath(new URL('../bin/tenantform.js', import.meta.url));
const SETTINGS: EmulatorOptions = { tls: true, rateLimit: 20, burst: 20, latencyMs: 30, actionBuildMs: 300 };
const PHASES = ['create', 'unchanged', 'one field'] as const;

interface Counts {
  calls: number;
  writes: number;
  throttled: number;
}

interface RunFigures extends Counts {
  tool: string;
  phase: (typeof PHASES)[number];
  exit: number | null;
  seconds: number;
}

/** A tool under test: how to run one phase against an emulator, and how to change one client. */
interface Tool {
  name: string;
  prepare(dir: string): void;
  changeOneField(dir: string): void;
  command(dir: string, emulator: RunningEmulator): { argv: string[]; env: Record<string, string> };
}

const sizes = { ...scaledSizes(0.6) };
const tenant = generateTenant(sizes);
const objects = Object.values(countObjects(tenant)).reduce((a, b) => a + b, 0);
const CHANGED = String(tenant.clients[0].description);

const tools: Tool[] = [
  {
    name: 'tenantform',
    prepare: (dir) => void writeTenant(join(dir, 'tenant'), tenant),
    changeOneField: (dir) => editFile(join(dir, 'tenant', 'clients.yaml')),
    command: (dir, emulator) => ({
      argv: [TENANTFORM, 'apply', '-c', join(dir, 'tenant'), '--auto-approve'],
      env: {
        NODE_EXTRA_CA_CERTS: emulator.certFile ?? '',
        AUTH0_DOMAIN: emulator.credentials.domain,
        AUTH0_CLIENT_ID: emulator.credentials.clientId,
        AUTH0_CLIENT_SECRET: emulator.credentials.clientSecret,
      },
    }),
  },
  {
    name: 'auth0-deploy-cli',
    prepare: (dir) => void writeDeployCliTenant(join(dir, 'input'), toDeployCli(tenant)),
    changeOneField: (dir) => editFile(join(dir, 'input', 'tenant.yaml')),
    command: (dir, emulator) => {
      const config = writeDeployCliConfig(emulator, dir);
      return {
        argv: [
          A0DEPLOY,
          'import',
          '--input_file',
          join(dir, 'input', 'tenant.yaml'),
          '--config_file',
          config,
        ],
        env: { NODE_EXTRA_CA_CERTS: emulator.certFile ?? '' },
      };
    },
  },
];

/** The one-field change: the first client's description, in either tool's file. */
function editFile(file: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(CHANGED)) throw new Error(`${file} does not hold ${CHANGED}`);
  writeFileSync(file, text.replace(CHANGED, `${CHANGED} (changed)`));
}

async function measure(tool: Tool): Promise<RunFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), `tenantform-peer-${tool.name}-`));
  const counts: Counts = { calls: 0, writes: 0, throttled: 0 };
  const emulator = await startEmulator({
    ...SETTINGS,
    onResponse: ({ method, path, status }) => {
      if (!path.startsWith('/api/v2')) return;
      counts.calls++;
      if (status === 429) counts.throttled++;
      else if (method !== 'GET') counts.writes++;
    },
  });
  const figures: RunFigures[] = [];
  try {
    tool.prepare(dir);
    for (const phase of PHASES) {
      if (phase === 'one field') tool.changeOneField(dir);
      const before = { ...counts };
      const { argv, env } = tool.command(dir, emulator);
      const started = performance.now();
      const result = await runNode(argv, { ...env, CI: '1' });
      const seconds = (performance.now() - started) / 1000;
      if (result.code !== 0)
        process.stderr.write(`${tool.name} ${phase}: exit ${result.code}\n${result.output.slice(-3000)}\n`);
      figures.push({
        tool: tool.name,
        phase,
        exit: result.code,
        seconds,
        calls: counts.calls - before.calls,
        writes: counts.writes - before.writes,
        throttled: counts.throttled - before.throttled,
      });
      process.stdout.write(
        `${tool.name} ${phase}: exit ${result.code}, ${seconds.toFixed(1)} s, ${counts.calls - before.calls} calls\n`,
      );
    }
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

const started = new Date();
const load = loadavg()[0];
const results: RunFigures[] = [];
for (const tool of tools) results.push(...(await measure(tool)));

const row = (f: RunFigures) =>
  `| ${f.phase} | ${f.tool} | ${f.exit} | ${f.seconds.toFixed(1)} | ${f.calls} | ${f.writes} | ${f.throttled} |`;
const ratios = PHASES.map((phase) => {
  const ours = results.find((r) => r.tool === 'tenantform' && r.phase === phase);
  const theirs = results.find((r) => r.tool === 'auth0-deploy-cli' && r.phase === phase);
  return ours && theirs
    ? `| ${phase} | ${(theirs.seconds / ours.seconds).toFixed(1)}× | ${theirs.calls} vs ${ours.calls} | ${theirs.writes} vs ${ours.writes} |`
    : `| ${phase} | — | — | — |`;
});
const section = `## Side by side with auth0-deploy-cli

- **Date**: ${started.toISOString().slice(0, 10)}; **machine**: ${cpus().length} cores, Node ${process.version}; load average ${load.toFixed(1)} at the start (other work shared the machine).
- **Command**: \`npm run bench:peer\` (\`bench/peer.ts\`).
- **Tenant**: ${objects} objects from \`bench/generate-tenant.ts\` at 0.6× (${JSON.stringify(countObjects(tenant))}), in tenantform's format and, through \`bench/peer-tenant.ts\`, in auth0-deploy-cli's YAML (\`AUTH0_INCLUDED_ONLY\` the types both manage, \`AUTH0_ALLOW_DELETE: false\`).
- **Emulator**: one fresh tenant per tool, https, token bucket 20 requests/s with burst 20, 30 ms ±50% latency, actions build in 300 ms.
- **Runs**, each tool in turn, as child processes: (a) create in the empty tenant, (b) the same again, unchanged, (c) after the first client's description changed. \`tenantform apply --auto-approve\`; \`a0deploy import\`. Calls, writes (non-GET) and 429s are counted by the emulator.

| run | tool | exit | wall s | API calls | writes | 429s |
|---|---|--:|--:|--:|--:|--:|
${results.map(row).join('\n')}

| run | deploy-cli ÷ tenantform, wall time | API calls (deploy-cli vs tenantform) | writes |
|---|--:|--:|--:|
${ratios.join('\n')}
`;
process.stdout.write(`\n${section}`);
if (!process.env.BENCH_NO_WRITE) writeResultsSection('## Side by side with auth0-deploy-cli', section);
