import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Hook secrets (TestAccHookSecrets*.yaml): write-only values, added, updated and removed
// by name; reads answer the names with a fixed placeholder.
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('hook secrets', () => {
  it('adds, updates and removes secrets, never reading a value back', async () => {
    const hook = await api.call('POST', '/hooks', {
      name: 'my-hook',
      script: 'module.exports = function (user, context, cb) { cb(); };',
      triggerId: 'pre-user-registration',
    });
    expect(hook.status).toBe(201);
    const path = `/hooks/${hook.body.id}/secrets`;
    expect((await api.call('POST', path, { foo: 'one', bar: 'two' })).status).toBe(201);
    // The recorded PATCH answers 201 too.
    expect((await api.call('PATCH', path, { foo: 'three' })).status).toBe(201);
    expect((await api.call('GET', path)).body).toEqual({
      foo: '_VALUE_NOT_SHOWN_',
      bar: '_VALUE_NOT_SHOWN_',
    });
    expect((await api.call('DELETE', path, ['bar'])).status).toBe(204);
    expect((await api.call('GET', path)).body).toEqual({ foo: '_VALUE_NOT_SHOWN_' });
  });
});
