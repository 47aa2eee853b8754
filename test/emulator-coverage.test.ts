import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiDocument } from '../src/emulator/openapi/document.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('every operation of the document', () => {
  it('answers, generically or specially, without a server error', async () => {
    const document = loadApiDocument();
    expect(document.operations.length).toBeGreaterThan(200);
    const failures: string[] = [];
    for (const operation of document.operations) {
      const path = operation.pathTemplate.replace(/\{[^}]+\}/g, 'x_missing');
      const response = await api.call(operation.method.toUpperCase(), path);
      const unrouted =
        response.status === 404 && response.body?.message === 'Not Found' && !response.body.errorCode;
      if (response.status >= 500 || unrouted) {
        failures.push(
          `${operation.method} ${operation.pathTemplate} → ${response.status} ${JSON.stringify(response.body)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
