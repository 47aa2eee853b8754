// A tiny Management API stand-in for the api-* tests: a real HTTP server on 127.0.0.1 whose
// answers each test scripts, recording every request it saw.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Arrival order, from 0. */
  seq: number;
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string | number>;
  json?: unknown;
  /** Drop the connection without answering (a network error for the client). */
  destroy?: boolean;
}

export type Handler = (request: SeenRequest) => Reply | Promise<Reply>;

export interface FakeTenant {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFakeTenant(handler: Handler): Promise<FakeTenant> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => void answer(req, res));

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const request: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      seq: seen.length,
      at: Date.now(),
    };
    seen.push(request);
    const reply = await handler(request);
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const body = reply.json === undefined ? '' : JSON.stringify(reply.json);
    res.writeHead(reply.status ?? 200, {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...Object.fromEntries(Object.entries(reply.headers ?? {}).map(([k, v]) => [k, String(v)])),
    });
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An unsigned JWT with the given claims: enough for code that only reads claims. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.signature`;
}

export function apiError(status: number, message: string, errorCode?: string): Reply {
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return {
    status,
    json: {
      statusCode: status,
      error: reasons[status] ?? 'Error',
      message,
      ...(errorCode ? { errorCode } : {}),
    },
  };
}
