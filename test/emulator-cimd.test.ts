import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// POST /clients/cimd/register and /preview (schemas/overlay/clients-cimd.yaml) on the emulator.
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('CIMD clients (the emulator fetches no remote document)', () => {
  const external_client_id = 'https://app.example.com/.well-known/client.json';

  it('preview answers the retrieval error and no validation', async () => {
    const preview = await api.call('POST', '/clients/cimd/preview', { external_client_id });
    expect(preview.status).toBe(200);
    expect(preview.body.errors).toEqual([expect.stringContaining(external_client_id)]);
    expect(preview.body).not.toHaveProperty('validation');
  });

  it('register refuses with 400 and creates no client; a body without the URL is a 400 too', async () => {
    const before = (await api.call('GET', '/clients')).body.length;
    expect((await api.call('POST', '/clients/cimd/register', { external_client_id })).status).toBe(400);
    expect((await api.call('GET', '/clients')).body).toHaveLength(before);
    expect((await api.call('POST', '/clients/cimd/register', {})).body.message).toMatch(/external_client_id/);
  });
});
