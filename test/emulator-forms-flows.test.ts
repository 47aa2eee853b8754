import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Forms, flows and Flows Vault connections (schemas/overlay/forms-flows.yaml) over HTTP, as
// TestAccFormDataSource, TestAccFlowDataSource and TestAccVaultConnection show them.
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('vault connections, flows and forms', () => {
  let connectionId: string;
  let flowId: string;

  it('a vault connection: ac_ id, not ready, a fingerprint that changes on update, no setup read back', async () => {
    const created = await api.call('POST', '/flows/vault/connections', {
      app_id: 'HTTP',
      name: 'test-v-connection',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^ac_[A-Za-z0-9]{22}$/),
      app_id: 'HTTP',
      name: 'test-v-connection',
      ready: false,
      refreshed_at: null,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    connectionId = created.body.id;
    const read = await api.call('GET', `/flows/vault/connections/${connectionId}`);
    expect(read.body).not.toHaveProperty('refreshed_at');
    const updated = await api.call('PATCH', `/flows/vault/connections/${connectionId}`, {
      name: 'updated-test-v-connection',
      setup: { type: 'BEARER', token: 'vault-secret' },
    });
    expect(updated.body.name).toBe('updated-test-v-connection');
    expect(updated.body.fingerprint).not.toBe(created.body.fingerprint);
    const after = await api.call('GET', `/flows/vault/connections/${connectionId}`);
    expect(JSON.stringify(after.body)).not.toContain('vault-secret');
    const list = await api.call('GET', '/flows/vault/connections?include_totals=true');
    expect(list.body).toMatchObject({ total: 1, connections: [{ id: connectionId }] });
  });

  it('a flow with an HTTP action using the connection: af_ id, timestamps, read back', async () => {
    const actions = [
      {
        id: 'call_api',
        type: 'HTTP',
        action: 'SEND_REQUEST',
        allow_failure: false,
        params: { connection_id: connectionId, url: 'https://api.example.com', method: 'POST' },
      },
    ];
    const created = await api.call('POST', '/flows', { name: 'test-flow', actions });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^af_[A-Za-z0-9]{22}$/),
      name: 'test-flow',
      actions,
    });
    flowId = created.body.id;
    expect((await api.call('GET', `/flows/${flowId}`)).body).toEqual(created.body);
    const wrongAction = await api.call('POST', '/flows', {
      name: 'bad',
      actions: [{ id: 'x', type: 'HTTP', action: 'SEND_SMS', params: {} }],
    });
    expect(wrongAction.status).toBe(400);
    expect((await api.call('GET', '/flows/af_nothing')).body).toMatchObject({
      statusCode: 404,
      message: 'Flow not found',
    });
  });

  it('a form whose flow node runs the flow: ap_ id, empty parts dropped, PATCH null removes a part', async () => {
    const created = await api.call('POST', '/forms', {
      name: 'test-form',
      languages: { primary: 'en' },
      messages: {},
      start: { next_node: 'run_flow', coordinates: { x: 0, y: 0 } },
      nodes: [
        { id: 'run_flow', type: 'FLOW', config: { flow_id: flowId, next_node: '$ending' } },
        {
          id: 'ask',
          type: 'STEP',
          config: { components: [{ id: 'email', category: 'FIELD', type: 'EMAIL', required: true }] },
        },
      ],
      ending: { resume_flow: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^ap_[A-Za-z0-9]{22}$/);
    expect(created.body).not.toHaveProperty('messages');
    expect(created.body.nodes[0].config.flow_id).toBe(flowId);
    const patched = await api.call('PATCH', `/forms/${created.body.id}`, {
      style: { css: 'h1 {}' },
      languages: null,
    });
    expect(patched.body).toMatchObject({ style: { css: 'h1 {}' } });
    expect(patched.body).not.toHaveProperty('languages');
    const badNode = await api.call('POST', '/forms', { name: 'bad', nodes: [{ id: 'n', type: 'TELEPORT' }] });
    expect(badNode.status).toBe(400);
    const list = await api.call('GET', '/forms?include_totals=true');
    expect(list.body).toMatchObject({ total: 1, forms: [{ id: created.body.id }] });
    expect((await api.call('DELETE', `/forms/${created.body.id}`)).status).toBe(204);
    expect((await api.call('GET', `/forms/${created.body.id}`)).body).toMatchObject({
      message: 'Form not found',
    });
  });

  it('a flow has no executions until it runs; deleting it removes them', async () => {
    expect((await api.call('GET', `/flows/${flowId}/executions?take=10`)).status).toBe(200);
    expect((await api.call('DELETE', `/flows/${flowId}`)).status).toBe(204);
    expect((await api.call('GET', `/flows/${flowId}/executions?take=10`)).status).toBe(404);
  });
});
