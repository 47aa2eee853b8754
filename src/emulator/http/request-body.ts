import type { IncomingMessage } from 'node:http';
import { badRequest } from './api-error.ts';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads a JSON or form-encoded body; `undefined` when there is none. */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw badRequest('Request payload is too large', 'invalid_body');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Invalid request payload JSON format', 'invalid_body');
  }
}
