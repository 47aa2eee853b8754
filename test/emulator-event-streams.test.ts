import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Event streams (schemas/overlay/event-streams.yaml) over HTTP, as TestAccEventStream*.yaml shows them.
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

const subscriptions = [{ event_type: 'user.created' }, { event_type: 'user.updated' }];

describe('event streams', () => {
  it('create a webhook stream: est_ id, enabled, timestamps, the bearer token never read back', async () => {
    const created = await api.call('POST', '/event-streams', {
      name: 'my-webhook',
      subscriptions,
      destination: {
        type: 'webhook',
        configuration: {
          webhook_authorization: { method: 'bearer', token: '123456789' },
          webhook_endpoint: 'https://hooks.example.com/auth0',
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^est_[A-Za-z0-9]{22}$/),
      status: 'enabled',
      name: 'my-webhook',
      subscriptions,
      destination: {
        type: 'webhook',
        configuration: {
          webhook_endpoint: 'https://hooks.example.com/auth0',
          webhook_authorization: { method: 'bearer' },
        },
      },
    });
    expect(JSON.stringify(created.body)).not.toContain('123456789');
    const read = await api.call('GET', `/event-streams/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    expect(JSON.stringify(read.body)).not.toContain('123456789');
  });

  it('an EventBridge stream gets its partner event source from the server', async () => {
    const created = await api.call('POST', '/event-streams', {
      name: 'my-eventbridge',
      subscriptions,
      destination: {
        type: 'eventbridge',
        configuration: { aws_account_id: '242849305777', aws_region: 'us-east-1' },
      },
    });
    expect(created.body.destination.configuration.aws_partner_event_source).toMatch(
      /^aws\.partner\/auth0\.com\/.+\/auth0\.events$/,
    );
    const patched = await api.call('PATCH', `/event-streams/${created.body.id}`, {
      name: 'my-eventbridge-updated',
      subscriptions: [{ event_type: 'user.updated' }],
    });
    expect(patched.body).toMatchObject({
      name: 'my-eventbridge-updated',
      subscriptions: [{ event_type: 'user.updated' }],
    });
    expect(patched.body.destination).toEqual(created.body.destination);
    expect(patched.body.created_at).toBe(created.body.created_at);
  });

  it('a stream created disabled stays so until PATCHed; basic auth keeps the username only', async () => {
    const created = await api.call('POST', '/event-streams', {
      status: 'disabled',
      name: 'my-disabled',
      subscriptions: [{ event_type: 'user.created' }],
      destination: {
        type: 'webhook',
        configuration: {
          webhook_authorization: { method: 'basic', username: 'admin', password: 'securepass' },
          webhook_endpoint: 'https://hooks.example.com/auth0',
        },
      },
    });
    expect(created.body.status).toBe('disabled');
    expect(created.body.destination.configuration.webhook_authorization).toEqual({
      method: 'basic',
      username: 'admin',
    });
    const enabled = await api.call('PATCH', `/event-streams/${created.body.id}`, { status: 'enabled' });
    expect(enabled.body.status).toBe('enabled');
  });

  it('lists by checkpoint under eventStreams; DELETE 204 then 404', async () => {
    const list = await api.call('GET', '/event-streams?take=50');
    expect(list.body.eventStreams).toHaveLength(3);
    const id = list.body.eventStreams[0].id;
    expect((await api.call('DELETE', `/event-streams/${id}`)).status).toBe(204);
    expect((await api.call('GET', `/event-streams/${id}`)).status).toBe(404);
  });

  it('refuses a stream without destination and a change of destination type', async () => {
    const bad = await api.call('POST', '/event-streams', { name: 'bad', subscriptions });
    expect(bad.status).toBe(400);
    const stream = (await api.call('GET', '/event-streams?take=50')).body.eventStreams[0];
    const change = await api.call('PATCH', `/event-streams/${stream.id}`, {
      destination: { type: 'action', configuration: { action_id: 'x' } },
    });
    expect(change.status).toBe(400);
  });
});
