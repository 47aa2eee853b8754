// The emulator benchmarks' shared parts: loopback HTTP over one keep-alive pool, and the
// paging-at-scale measurement (bench/emulator.ts and the scale section of bench/scale.ts).

import { Agent, request as httpRequest } from 'node:http';
import { type RunningEmulator, startEmulator } from '../src/emulator/index.ts';

export const num = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
};
const CONCURRENCY = num('BENCH_CONCURRENCY', 32);
export const TAKE = 100;

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

// ---------------------------------------------------------------------------------------------
// HTTP over one keep-alive pool

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

export function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent, headers }, (res) => {
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

export async function bearer(
  url: string,
  clientId: string,
  clientSecret: string,
): Promise<Record<string, string>> {
  const reply = await send(
    `${url}/oauth/token`,
    'POST',
    { 'content-type': 'application/json' },
    JSON.stringify({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      audience: `${url}/api/v2/`,
    }),
  );
  const { access_token: token } = JSON.parse(reply.text) as { access_token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

export const headersFor = (emulator: RunningEmulator) =>
  bearer(emulator.url, emulator.credentials.clientId, emulator.credentials.clientSecret);

// ---------------------------------------------------------------------------------------------
// 1. Throughput

// ---------------------------------------------------------------------------------------------
// 2. Paging at scale

export interface Paging {
  size: number;
  pages: number;
  /** Median, first and last page of the whole listings by checkpoint (wall ms). */
  pageMs: number;
  firstPageMs: number;
  lastPageMs: number;
  /** The fastest of the whole listings (wall ms). */
  wholeMs: number;
  /** This process's CPU (client and emulator) for the cheapest whole listing, and per page. */
  wholeCpuMs: number;
  pageCpuMs: number;
  /** An offset page near the 1,000-record limit with totals (page 9 of per_page 100). */
  offsetPageMs: number;
}

export const LISTINGS = 3;

/** A connection as a current tenant stores it (≈ 600 bytes of JSON). */
function connection(i: number): Record<string, unknown> {
  const name = `bench-connection-${String(i).padStart(6, '0')}`;
  return {
    id: `con_bench${String(i).padStart(11, '0')}`,
    name,
    strategy: 'auth0',
    display_name: `Bench connection ${i}`,
    options: {
      mfa: { active: true, return_enroll_settings: true },
      passwordPolicy: 'good',
      brute_force_protection: true,
      strategy_version: 2,
      password_complexity_options: { min_length: 12 },
      password_history: { enable: true, size: 5 },
    },
    realms: [name],
    enabled_clients: [],
    is_domain_connection: false,
    metadata: { owner: `team-${i % 17}`, tier: i % 3 === 0 ? 'gold' : 'silver' },
  };
}

export async function pagingAt(size: number): Promise<Paging> {
  const emulator = await startEmulator({});
  const connections = emulator.store.collection('/connections');
  for (let i = 0; i < size; i++) {
    const item = connection(i);
    connections.set(String(item.id), item);
  }
  const headers = await headersFor(emulator);
  const api = `${emulator.url}/api/v2`;
  const listAll = async () => {
    const times: number[] = [];
    let from: string | undefined;
    const started = performance.now();
    for (;;) {
      const pageStarted = performance.now();
      const reply = await send(
        `${api}/connections?take=${TAKE}${from ? `&from=${encodeURIComponent(from)}` : ''}`,
        'GET',
        headers,
      );
      times.push(performance.now() - pageStarted);
      if (reply.status !== 200)
        throw new Error(`GET /connections: ${reply.status} ${reply.text.slice(0, 200)}`);
      from = (JSON.parse(reply.text) as { next?: string }).next;
      if (!from) break;
    }
    return { times, wholeMs: performance.now() - started };
  };
  await listAll(); // warm-up
  // Wall time suffers from whatever else the machine runs; CPU time much less: both, best of a few.
  const times: number[] = [];
  let wholeMs = Number.POSITIVE_INFINITY;
  let wholeCpuMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < LISTINGS; i++) {
    const cpu = process.cpuUsage();
    const listing = await listAll();
    const used = process.cpuUsage(cpu);
    times.push(...listing.times);
    wholeMs = Math.min(wholeMs, listing.wholeMs);
    wholeCpuMs = Math.min(wholeCpuMs, (used.user + used.system) / 1000);
  }
  const pages = times.length / LISTINGS;
  const offsetTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await send(`${api}/connections?page=9&per_page=100&include_totals=true`, 'GET', headers);
    offsetTimes.push(performance.now() - started);
  }
  await emulator.close();
  return {
    size,
    pages,
    pageMs: round(median(times), 2),
    firstPageMs: round(median(times.filter((_, i) => i % pages === 0)), 2),
    lastPageMs: round(median(times.filter((_, i) => i % pages === pages - 1)), 2),
    wholeMs: round(wholeMs, 0),
    wholeCpuMs: round(wholeCpuMs, 0),
    pageCpuMs: round(wholeCpuMs / pages, 2),
    offsetPageMs: round(median(offsetTimes), 2),
  };
}

/** Closes the keep-alive pool so the process can exit. */
export const closeAgent = () => agent.destroy();
