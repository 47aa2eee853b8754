import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiDocument } from '../src/emulator/openapi/document.ts';
import { classifyOperations } from '../src/emulator/engine/shapes.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// The engine against a small document of our own, so these hold whatever the restored one says.
const MINI = fileURLToPath(new URL('./fixtures/emulator/mini-api.yaml', import.meta.url));

let api: Caller;
beforeAll(async () => {
  api = await startWithCaller({ documentPath: MINI });
});
afterAll(() => api.emulator.close());

describe('the generic engine', () => {
  it('reads collections, items, singletons and actions from the path shapes', () => {
    const shapes = new Map(
      [...classifyOperations(loadApiDocument(MINI))].map(([op, shape]) => [
        `${op.method} ${op.pathTemplate}`,
        shape,
      ]),
    );
    expect(shapes.get('post /clients')).toBe('collection');
    expect(shapes.get('get /clients/{id}')).toBe('item');
    expect(shapes.get('get /roles/{id}/permissions')).toBe('collection');
    expect(shapes.get('patch /tenants/settings')).toBe('singleton');
    expect(shapes.get('post /actions/actions/{id}/deploy')).toBe('action');
  });

  it('accepts any body where the schema is a restoration placeholder', async () => {
    const created = await api.call('POST', '/log-streams', { type: 'http', anything: { goes: true } });
    expect(created.status).toBe(200);
    expect(created.body.anything).toEqual({ goes: true });
  });

  it('still validates bodies whose schema is real', async () => {
    const response = await api.call('POST', '/clients', { name: 'x', colour: 'blue' });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      "Payload validation error: 'Additional properties not allowed: colour'.",
    );
  });

  it('projects fields and filters lists by query', async () => {
    const listed = await api.call('GET', '/clients?fields=name&include_fields=true');
    expect(listed.body[0]).toEqual({ name: 'All Applications' });
    const global = await api.call('GET', '/clients?is_global=true');
    expect(global.body.map((c: { name: string }) => c.name)).toEqual(['All Applications']);
  });

  it('hides connection options from tokens without read:connections_options', async () => {
    const client = await api.call('POST', '/clients', { name: 'limited', app_type: 'non_interactive' });
    const audience = `https://127.0.0.1:${api.emulator.port}/api/v2/`;
    await api.call('POST', '/client-grants', {
      client_id: client.body.client_id,
      audience,
      scope: ['read:connections', 'update:connections'],
    });
    const token = await api.tokenFor(client.body.client_id, client.body.client_secret);
    const connections = await api.call('GET', '/connections', undefined, token);
    expect(connections.body[0]).not.toHaveProperty('options');
    const patch = await api.call('PATCH', `/connections/${connections.body[0].id}`, { options: {} }, token);
    expect(patch.status).toBe(403);
  });
});
