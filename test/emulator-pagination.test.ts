import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, inBatches, startWithCaller } from './fixtures/emulator/harness.ts';

const COUNT = 260;
const LOG_STREAMS = 30;
let api: Caller;

beforeAll(async () => {
  api = await startWithCaller({ actionBuildMs: 0 });
  await inBatches(COUNT, 40, (i) =>
    api.call('POST', '/roles', { name: `role-${String(i).padStart(3, '0')}` }),
  );
  await inBatches(COUNT, 40, (i) =>
    api.call('POST', '/connections', { name: `conn-${i}`, strategy: 'auth0' }),
  );
  await inBatches(COUNT, 40, (i) =>
    api.call('POST', '/actions/actions', {
      name: `action-${i}`,
      code: 'x',
      supported_triggers: [{ id: 'post-login', version: 'v3' }],
    }),
  );
  await inBatches(LOG_STREAMS, 40, (i) =>
    api.call('POST', '/log-streams', {
      name: `stream-${i}`,
      type: 'http',
      sink: { httpEndpoint: 'https://logs.example.com' },
    }),
  );
}, 60_000);
afterAll(() => api.emulator.close());

describe('offset pagination', () => {
  it('pages with include_totals envelopes keyed per endpoint', async () => {
    const names: string[] = [];
    for (let page = 0; ; page++) {
      const response = await api.call('GET', `/roles?page=${page}&per_page=100&include_totals=true`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ start: page * 100, limit: 100, total: COUNT });
      names.push(...response.body.roles.map((r: { name: string }) => r.name));
      if (response.body.roles.length < 100) break;
    }
    expect(names).toHaveLength(COUNT);
    expect(new Set(names).size).toBe(COUNT);
  });

  it('answers a bare array without include_totals, and [] past the end', async () => {
    const page = await api.call('GET', '/roles?page=1&per_page=50');
    expect(Array.isArray(page.body)).toBe(true);
    expect(page.body[0].name).toBe('role-050');
    expect((await api.call('GET', '/roles?page=9&per_page=50')).body).toEqual([]);
  });

  it('rejects per_page above 100 and pages past 1,000 records', async () => {
    expect((await api.call('GET', '/roles?per_page=101')).status).toBe(400);
    const tooFar = await api.call('GET', '/roles?page=10&per_page=100');
    expect(tooFar.status).toBe(400);
  });
});

describe('checkpoint pagination', () => {
  it('pages with from/take and next until next is absent, without totals', async () => {
    const names: string[] = [];
    let from: string | undefined;
    for (let i = 0; i < 20; i++) {
      const query = `take=100&include_totals=true${from ? `&from=${encodeURIComponent(from)}` : ''}`;
      const response = await api.call('GET', `/connections?${query}`);
      expect(response.status).toBe(200);
      expect(response.body).not.toHaveProperty('total');
      names.push(...response.body.connections.map((c: { name: string }) => c.name));
      from = response.body.next;
      if (!from) break;
    }
    expect(names).toHaveLength(COUNT + 2);
    expect(new Set(names).size).toBe(COUNT + 2);
  });
});

describe('actions and bindings shapes', () => {
  it('pages actions as {actions, total, per_page}', async () => {
    const first = await api.call('GET', '/actions/actions');
    expect(first.body).toMatchObject({ total: COUNT, per_page: 20 });
    expect(first.body.actions).toHaveLength(20);
    const ids = new Set<string>();
    for (let page = 0; page < 3; page++) {
      const response = await api.call('GET', `/actions/actions?page=${page}&per_page=100`);
      for (const action of response.body.actions) ids.add(action.id);
    }
    expect(ids.size).toBe(COUNT);
    expect((await api.call('GET', '/actions/actions?include_totals=true')).status).toBe(400);
  });

  it('pages bindings as {bindings, total, per_page}', async () => {
    const deployed = (await api.call('GET', '/actions/actions?per_page=3')).body.actions;
    for (const action of deployed) await api.call('POST', `/actions/actions/${action.id}/deploy`);
    await api.call('PATCH', '/actions/triggers/post-login/bindings', {
      bindings: deployed.map((a: { name: string }) => ({ ref: { type: 'action_name', value: a.name } })),
    });
    const response = await api.call('GET', '/actions/triggers/post-login/bindings?per_page=2');
    expect(response.body).toMatchObject({ total: 3, per_page: 2 });
    expect(response.body.bindings.map((b: { display_name: string }) => b.display_name)).toEqual(
      deployed.slice(0, 2).map((a: { name: string }) => a.name),
    );
  });
});

describe('unpaged lists', () => {
  it('answers log streams as a bare array of all of them', async () => {
    const response = await api.call('GET', '/log-streams');
    expect(Array.isArray(response.body)).toBe(true);
    expect(response.body).toHaveLength(LOG_STREAMS);
  });
});
