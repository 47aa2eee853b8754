import type { IncomingMessage } from 'node:http';
import { ApiError, badRequest } from './api-error.ts';

/** "All endpoints accept a maximum payload size of 1 megabyte" (the Management API reference). */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Deeper than any body the API document describes, far shallower than what breaks
 * serialisation: a body nested 50,000 levels deep, once stored, made every later read of its
 * collection (and every write of `--data`) overflow the stack.
 */
export const MAX_BODY_DEPTH = 64;

/** The 413 the API's HTTP framework (hapi) answers, with its wording. */
export const payloadTooLarge = () =>
  new ApiError(
    413,
    `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`,
    undefined,
    'Request Entity Too Large',
  );

/**
 * Reads a JSON or form-encoded body; `undefined` when there is none. Refuses, before anything
 * is parsed, a body over 1 MB (413, from the declared length when there is one, so it is not
 * even read) and JSON nested deeper than MAX_BODY_DEPTH (400).
 */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw payloadTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw payloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text));
  if (nestingExceeds(text, MAX_BODY_DEPTH)) {
    throw badRequest(
      `Payload validation error: 'Object nesting exceeds the maximum depth of ${MAX_BODY_DEPTH}'.`,
      'invalid_body',
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Invalid request payload JSON format', 'invalid_body');
  }
}

/** Whether JSON text opens more than `limit` objects or arrays inside each other (one pass, no parse). */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) depth--;
  }
  return false;
}
