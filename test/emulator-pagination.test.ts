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

  it('rejects per_page above 100, and offset pages past 1,000 records where the list pages by checkpoint too', async () => {
    expect((await api.call('GET', '/roles?per_page=101')).status).toBe(400);
    const tooFar = await api.call('GET', '/connections?page=10&per_page=100');
    expect(tooFar).toMatchObject({ status: 400, body: { errorCode: 'invalid_paging' } });
    expect((await api.call('GET', '/clients?page=10&per_page=100')).status).toBe(400);
    // The document names no such limit for lists offered by offset only.
    expect(await api.call('GET', '/roles?page=10&per_page=100')).toMatchObject({ status: 200, body: [] });
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

describe('checkpoint cursors', () => {
  const pageThrough = async (
    path: string,
    key: string,
    take: number,
    between?: (page: number) => Promise<void>,
  ) => {
    const names: string[] = [];
    const sizes: number[] = [];
    let from: string | undefined;
    for (let page = 0; page < 100; page++) {
      const separator = path.includes('?') ? '&' : '?';
      const response = await api.call(
        'GET',
        `${path}${separator}take=${take}${from ? `&from=${encodeURIComponent(from)}` : ''}`,
      );
      expect(response.status).toBe(200);
      names.push(...response.body[key].map((item: { name: string }) => item.name));
      sizes.push(response.body[key].length);
      from = response.body.next;
      if (!from) break;
      await between?.(page);
    }
    return { names, sizes };
  };

  it('resume where they left off when items come and go between pages', async () => {
    // One at a time, so that creation order is index order.
    const created = await inBatches(30, 1, (i) =>
      api.call('POST', '/organizations', { name: `org-${String(i).padStart(2, '0')}` }),
    );
    const id = (i: number) => created[i].body.id;
    const { names } = await pageThrough('/organizations', 'organizations', 10, async (page) => {
      if (page !== 0) return;
      await api.call('DELETE', `/organizations/${id(3)}`); // already read
      await api.call('DELETE', `/organizations/${id(25)}`); // not read yet
      await api.call('POST', '/organizations', { name: 'org-late' });
    });
    const expected = created.map((c) => c.body.name).filter((n) => n !== 'org-25');
    expect(names).toEqual([...expected, 'org-late']);
  });

  it('page a filtered list with only its matches, and stop without an empty page', async () => {
    await inBatches(12, 1, (i) =>
      api.call('POST', '/connections', { name: `social-${i}`, strategy: 'google-oauth2' }),
    );
    const { names, sizes } = await pageThrough('/connections?strategy=google-oauth2', 'connections', 5);
    expect(names).toEqual(['google-oauth2', ...Array.from({ length: 12 }, (_, i) => `social-${i}`)]);
    expect(sizes).toEqual([5, 5, 3]);
  });

  it('refuse a cursor the list did not give', async () => {
    const forged = Buffer.from('o:3').toString('base64url');
    const response = await api.call('GET', `/connections?take=5&from=${forged}`);
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe('invalid_query_string');
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
