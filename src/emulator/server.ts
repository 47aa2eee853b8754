import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { authenticate, authorize, managementApiAudiences, managementApiScopes } from './auth/access.ts';
import { issueToken } from './auth/token-endpoint.ts';
import type { RequestContext } from './engine/context.ts';
import { Engine } from './engine/engine.ts';
import { checkFeatureNames, featureRefusal } from './features.ts';
import { ApiError } from './http/api-error.ts';
import { readBody } from './http/request-body.ts';
import { type ApiDocument, loadApiDocument } from './openapi/document.ts';
import { Router } from './openapi/router.ts';
import { parseQuery, validateBody } from './openapi/validation.ts';
import { RESOURCE_MODULES } from './resources/index.ts';
import { freshTenant, refreshSystemApi } from './state/fresh-tenant.ts';
import { IdFactory } from './state/ids.ts';
import { EmulatorDataError } from './state/data-file-error.ts';
import { metaOf, updateMeta } from './state/emulator-meta.ts';
import { DataFile } from './state/persistence.ts';
import { cryptoRandom, seededRandom, seedFrom } from './state/random.ts';
import type { TenantStore } from './state/tenant-store.ts';
import { selfSignedCertificate } from './tls.ts';
import { FaultInjector } from './traffic/faults.ts';
import { RateLimiter } from './traffic/rate-limiter.ts';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Serve https with a self-signed certificate for localhost and 127.0.0.1. */
  tls?: boolean;
  /** Where to write the certificate (PEM) with `tls`; a temporary file by default. */
  certFile?: string;
  /** Token bucket refill per second; no rate limit when undefined. */
  rateLimit?: number;
  /** Token bucket size; defaults to the rate limit (at least 1). */
  burst?: number;
  /** Added latency per request in ms (±50% jitter). */
  latencyMs?: number;
  /** Share (0..1) of API requests answered 500/503 or dropped. */
  faultRate?: number;
  /** Makes ids, faults and latency reproducible. */
  seed?: string | number;
  /**
   * Keep the tenant in this file across restarts (a journal: every change is in it before its
   * reply is sent). It is locked while the emulator runs, and readable by its owner only.
   */
  dataFile?: string;
  /** The deployer client's credentials; generated when absent. */
  clientId?: string;
  clientSecret?: string;
  /** How long an action takes to build after create or update (ms). */
  actionBuildMs?: number;
  /** The OpenAPI document to serve; `schemas/auth0-management-api.yaml` by default. */
  documentPath?: string;
  /**
   * Answer connections' deprecated `enabled_clients` on every read, as tenants did before the
   * deprecation (current ones answer it on create only, so clients read GET /connections/{id}/clients).
   */
  legacyEnabledClients?: boolean;
  /**
   * Features this tenant lacks (names of `FEATURES` in features.ts, e.g. `rate_limit_policies`):
   * their operations answer as the real API does for a tenant without the entitlement.
   */
  withoutFeatures?: string[];
  /** Called after every response (benchmarks count calls, writes and 429s of tools in other processes). */
  onResponse?: (exchange: { method: string; path: string; status: number }) => void;
}

export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4010` (the API is at `${url}/api/v2`). */
  url: string;
  port: number;
  /** What tenantform and the SDK need: `domain` is the full URL over http, `127.0.0.1:PORT` over https. */
  credentials: { domain: string; clientId: string; clientSecret: string };
  /** The certificate file to trust (NODE_EXTRA_CA_CERTS), with `tls`. */
  certFile: string | undefined;
  /** The live tenant, for tests that inspect or prepare state directly. */
  store: TenantStore;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v2';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkFeatureNames(options.withoutFeatures ?? []);
  const document = loadApiDocument(options.documentPath);
  const random = options.seed !== undefined ? seededRandom(seedFrom(options.seed)) : cryptoRandom();
  const ids = new IdFactory(random);
  const faults = new FaultInjector(options.faultRate ?? 0, options.latencyMs ?? 0, random);
  const limiter = new RateLimiter(
    options.rateLimit,
    Math.max(1, options.burst ?? Math.ceil(options.rateLimit ?? 1000)),
  );
  const engine = new Engine(document, RESOURCE_MODULES);
  const router = new Router(document);

  // The data file comes first: one that cannot be used stops the start before anything
  // listens (a listening server would keep the process alive after the error).
  const data = options.dataFile ? DataFile.open(resolve(options.dataFile)) : undefined;
  let server: Server | undefined;
  try {
    if (data?.loaded) requireDeployer(data.loaded, data.file);
    const tls = options.tls ? await selfSignedCertificate(options.certFile) : undefined;

    let state: ServeState | undefined;
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      if (!state) return void response.writeHead(503).end();
      const { onResponse } = options;
      if (onResponse)
        response.once('finish', () =>
          onResponse({
            method: request.method ?? 'GET',
            path: request.url ?? '/',
            status: response.statusCode,
          }),
        );
      void serve(request, response, state);
    };
    server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, handler) : createHttpServer(handler);
    // Idle connections stay open a minute, as behind the real API's load balancers; a shorter
    // timeout races clients that pause (planning a large tenant) and then reuse a connection
    // the server is closing, which a POST cannot survive.
    server.keepAliveTimeout = 60_000;
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const domain = `127.0.0.1:${port}`;
    const url = `${tls ? 'https' : 'http'}://${domain}`;

    const scopes = managementApiScopes(document.scopes);
    const tenant =
      data?.loaded ??
      freshTenant(domain, scopes, ids, {
        clientId: options.clientId ?? ids.alphanumeric(32),
        clientSecret: options.clientSecret ?? ids.alphanumeric(64),
      });
    // Recording starts before the start-up changes below, so they are in the file too.
    data?.persist(tenant);
    if (data?.loaded) refreshSystemApi(tenant, domain, scopes);
    const deployer = deployerOf(tenant, options);
    updateMeta(tenant, { legacy_enabled_clients: Boolean(options.legacyEnabledClients) });
    tenant.changed();
    state = {
      store: tenant,
      domain,
      audiences: managementApiAudiences(domain, Boolean(tls)),
      document,
      router,
      engine,
      ids,
      faults,
      limiter,
      actionBuildMs: options.actionBuildMs ?? 1000,
      withoutFeatures: new Set(options.withoutFeatures ?? []),
    };

    return {
      url,
      port,
      credentials: {
        domain: tls ? domain : url,
        clientId: deployer.clientId,
        clientSecret: deployer.clientSecret,
      },
      certFile: tls?.certFile,
      store: tenant,
      async close() {
        await new Promise<void>((resolve) => {
          listening.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
        data?.close();
      },
    };
  } catch (error) {
    server?.close();
    data?.close();
    throw error;
  }
}

/** A loaded tenant must have the deployer client the emulator made; without it nothing can get a token. */
function requireDeployer(store: TenantStore, file: string): void {
  const id = metaOf(store).deployer_client_id;
  if (typeof id !== 'string' || !store.collection('/clients').has(id))
    throw new EmulatorDataError(file, 'has no deployer client (its tenant was not made by this emulator)');
}

/** The deployer client of a loaded tenant; `--client-id/--client-secret` override its credentials. */
function deployerOf(
  store: TenantStore,
  options: EmulatorOptions,
): { clientId: string; clientSecret: string } {
  const clients = store.collection('/clients');
  const existing = clients.get(metaOf(store).deployer_client_id!);
  if (options.clientSecret && existing.client_secret !== options.clientSecret)
    clients.set(existing.client_id, { ...existing, client_secret: options.clientSecret });
  if (options.clientId && options.clientId !== existing.client_id) {
    clients.delete(existing.client_id);
    clients.set(options.clientId, {
      ...existing,
      client_id: options.clientId,
      client_secret: options.clientSecret ?? existing.client_secret,
    });
    const grants = store.collection('/client-grants');
    for (const grant of store.filterBy('/client-grants', 'client_id', existing.client_id))
      grants.set(grant.id, { ...grant, client_id: options.clientId });
    updateMeta(store, { deployer_client_id: options.clientId });
  }
  const current = clients.get(options.clientId ?? existing.client_id);
  return { clientId: current.client_id, clientSecret: current.client_secret };
}

interface ServeState {
  store: TenantStore;
  domain: string;
  /** The audiences that name this Management API at the address a request used (its Host). */
  audiences: (host: string | undefined) => ReadonlySet<string>;
  document: ApiDocument;
  router: Router;
  engine: Engine;
  ids: IdFactory;
  faults: FaultInjector;
  limiter: RateLimiter;
  actionBuildMs: number;
  withoutFeatures: ReadonlySet<string>;
}

function send(response: ServerResponse, status: number, body?: unknown): void {
  if (response.headersSent || response.destroyed) return;
  if (body === undefined || status === 204) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function serve(request: IncomingMessage, response: ServerResponse, state: ServeState): Promise<void> {
  try {
    const rate = state.limiter.take();
    response.setHeader('x-ratelimit-limit', String(rate.limit));
    response.setHeader('x-ratelimit-remaining', String(rate.remaining));
    response.setHeader('x-ratelimit-reset', String(rate.reset));
    if (!rate.allowed) {
      response.setHeader('retry-after', String(Math.max(1, rate.reset - nowSeconds())));
      request.resume();
      throw new ApiError(429, 'Global limit has been reached', 'too_many_requests');
    }
    const url = new URL(request.url ?? '/', 'http://emulator');
    if (url.pathname === '/oauth/token' && request.method === 'POST') {
      const form = ((await readBody(request)) ?? {}) as Record<string, unknown>;
      const reply = issueToken({
        store: state.store,
        form,
        issuer: `https://${state.domain}/`,
        managementAudiences: state.audiences(request.headers.host),
        nowSeconds: nowSeconds(),
      });
      return send(response, reply.status, reply.body);
    }
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(`${API_PREFIX}/`))
      throw new ApiError(404, 'Not Found');

    const delay = state.faults.delayMs();
    if (delay > 0) await sleep(delay);
    const fault = state.faults.next();
    if (fault.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    if (fault.kind === 'status') {
      request.resume();
      throw new ApiError(
        fault.status,
        fault.status === 503 ? 'Service Unavailable' : 'Internal Server Error',
        'emulated_fault',
      );
    }

    const path = url.pathname.slice(API_PREFIX.length);
    const match = state.router.matchPath(path.split('/').filter(Boolean));
    const operation = match?.operations.get((request.method ?? 'GET').toLowerCase() as never);
    if (!match || !operation) {
      request.resume();
      throw new ApiError(404, 'Not Found');
    }
    const clients = state.store.collection('/clients');
    const claims = authenticate(request.headers.authorization, {
      secret: state.store.signingSecret,
      audiences: state.audiences(request.headers.host),
      clientExists: (id) => clients.has(id),
      nowSeconds: nowSeconds(),
    });
    authorize(claims, operation);
    const refusal = featureRefusal(operation, state.withoutFeatures);
    if (refusal) {
      request.resume();
      throw refusal;
    }
    const query = parseQuery(state.document, operation, url.searchParams);
    const received = await readBody(request);
    validateBody(state.document, operation, received);
    // Handlers may rely on an object body for writes; validation saw what was actually sent.
    const body =
      received === undefined && operation.method !== 'get' && operation.method !== 'delete' ? {} : received;
    const context: RequestContext = {
      document: state.document,
      operation,
      params: match.params,
      path,
      query,
      body,
      claims,
      store: state.store,
      ids: state.ids,
      domain: state.domain,
      now: () => new Date(),
      actionBuildMs: state.actionBuildMs,
    };
    let reply: ReturnType<Engine['handle']>;
    try {
      reply = state.engine.handle(context);
    } finally {
      // Whatever the handler changed (even on its way to an error) is on disk before the reply.
      state.store.changed();
    }
    send(response, reply.status, reply.body);
  } catch (error) {
    if (error instanceof ApiError) {
      // An oversized body is not read; the connection cannot carry another request after it.
      if (error.statusCode === 413) response.setHeader('connection', 'close');
      return send(response, error.statusCode, error.toBody());
    }
    process.stderr.write(`emulator: ${(error as Error).stack ?? String(error)}\n`);
    send(response, 500, new ApiError(500, 'Internal Server Error').toBody());
  }
}
