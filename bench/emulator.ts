// Measures the requests per second the emulator sustains on this machine (loopback only, a
// bounded 5 s run per scenario), so deployer benchmarks know the emulator is not their limit.
// Run: npm run bench:emulator
import { Agent, request as httpRequest } from 'node:http';
import { startEmulator } from '../src/emulator/index.ts';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: (i: number) => string;
  body?: (i: number) => unknown;
}

const scenarios: Scenario[] = [
  { name: 'GET /api/v2/clients/{id}', method: 'GET', path: () => '' },
  {
    name: 'GET /api/v2/roles?per_page=50&include_totals=true (200 roles)',
    method: 'GET',
    path: () => '/roles?per_page=50&include_totals=true',
  },
  {
    name: 'POST /api/v2/roles',
    method: 'POST',
    path: () => '/roles',
    body: (i) => ({ name: `bench-role-${i}`, description: 'bench' }),
  },
];

const emulator = await startEmulator({});
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One request over the keep-alive pool; resolves with the status once the body is read. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${emulator.url}${path}`, { method, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const tokenResponse = await send(
  'POST',
  '/oauth/token',
  { 'content-type': 'application/json' },
  JSON.stringify({
    grant_type: 'client_credentials',
    client_id: emulator.credentials.clientId,
    client_secret: emulator.credentials.clientSecret,
    audience: `https://${new URL(emulator.url).host}/api/v2/`,
  }),
);
const { access_token: token } = JSON.parse(tokenResponse.text) as { access_token: string };
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const clientId = emulator.credentials.clientId;
scenarios[0].path = () => `/clients/${clientId}`;
for (let i = 0; i < 200; i++)
  await send('POST', '/api/v2/roles', headers, JSON.stringify({ name: `seed-${i}` }));

let counter = 0;
const results: { name: string; requests: number; errors: number; perSecond: number }[] = [];
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
          const response = await send(scenario.method, `/api/v2${scenario.path(i)}`, headers, body);
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
agent.destroy();
await emulator.close();

console.log(
  `emulator benchmark: ${DURATION_MS / 1000} s per scenario, ${CONCURRENCY} concurrent connections, loopback http`,
);
for (const r of results)
  console.log(
    `${String(r.perSecond).padStart(7)} req/s  ${r.name}  (${r.requests} requests, ${r.errors} errors)`,
  );
