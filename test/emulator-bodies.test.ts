import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nestingExceeds } from '../src/emulator/http/request-body.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

let api: Caller;
let file: string;
beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'tenantform-bodies-')), 'tenant.json');
  api = await startWithCaller({ dataFile: file });
});
afterAll(() => api.emulator.close());

const nested = (depth: number) => {
  let text = '1';
  for (let i = 0; i < depth; i++) text = `{"a":${text}}`;
  return text;
};

async function post(path: string, text: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${api.emulator.url}/api/v2${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    body: text,
  });
  return { status: response.status, body: await response.json() };
}

describe('request bodies', () => {
  it('refuses JSON nested deeper than 64 levels with a 400, and the tenant keeps answering and saving', async () => {
    // `mobile` takes any object, so only the depth limit stands between this body and the store.
    const deep = await post('/clients', `{"name":"deep","mobile":${nested(50_000)}}`);
    expect(deep).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: "Payload validation error: 'Object nesting exceeds the maximum depth of 64'.",
        errorCode: 'invalid_body',
      },
    });
    expect((await api.call('GET', '/clients')).status).toBe(200);
    const role = await api.call('POST', '/roles', { name: 'after the deep body' });
    expect(readFileSync(file, 'utf8')).toContain(role.body.id);

    // As deep as the limit allows is fine: the body is stored, read back and saved.
    const deepest = await post('/clients', `{"name":"deepest","mobile":${nested(62)}}`);
    expect(deepest.status).toBe(201);
    expect((await api.call('GET', '/clients')).status).toBe(200);
  });

  it('answers 413 with the API framework’s wording for a body over 1 MB', async () => {
    const huge = await post(
      '/clients',
      JSON.stringify({ name: 'huge', description: 'x'.repeat(1024 * 1024) }),
    );
    expect(huge).toEqual({
      status: 413,
      body: {
        statusCode: 413,
        error: 'Request Entity Too Large',
        message: 'Payload content length greater than maximum allowed: 1048576',
      },
    });
    expect((await api.call('GET', '/clients')).status).toBe(200);
  });

  it('counts nesting outside strings only', () => {
    expect(nestingExceeds('{"a":[[1]]}', 3)).toBe(false);
    expect(nestingExceeds('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestingExceeds(`{"a":"${'['.repeat(100)}\\"${'{'.repeat(100)}"}`, 1)).toBe(false);
  });
});
