// 250 objects through each of the three paging styles, against a tenant that pages like Auth0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManagementClient, type ManagementClient } from '../src/api/client.ts';
import { apiError, type FakeTenant, type SeenRequest, startFakeTenant } from './api-fake-tenant.ts';

const items = Array.from({ length: 250 }, (_, i) => ({ name: `item-${String(i).padStart(3, '0')}` }));
let tenant: FakeTenant;
let client: ManagementClient;

function offsetPage(req: SeenRequest, key: string) {
  const page = Number(req.query.get('page') ?? 0);
  const perPage = Number(req.query.get('per_page') ?? 50);
  if (perPage > 100)
    return apiError(400, 'Query validation error: per_page must be at most 100', 'invalid_query_string');
  const slice = items.slice(page * perPage, (page + 1) * perPage);
  if (req.query.get('include_totals') !== 'true') return { json: slice };
  return { json: { start: page * perPage, limit: perPage, total: items.length, [key]: slice } };
}

beforeAll(async () => {
  tenant = await startFakeTenant((req) => {
    switch (req.path) {
      case '/api/v2/roles':
        return offsetPage(req, 'roles');
      case '/api/v2/deep':
        // Refuses offset pages past 200 records, as the API refuses them past 1,000.
        if (Number(req.query.get('page')) >= 2)
          return apiError(
            400,
            'Requesting page exceeds the allowed maximum of 1000 records',
            'invalid_paging',
          );
        return offsetPage(req, 'deep');
      case '/api/v2/short': {
        // Reports more than it pages: the last pages come back empty.
        const reply = offsetPage(req, 'short') as { json: { total: number } };
        return { json: { ...reply.json, total: items.length + 50 } };
      }
      case '/api/v2/bare':
        // A list that ignores include_totals and answers bare arrays.
        req.query.delete('include_totals');
        return offsetPage(req, 'bare');
      case '/api/v2/connections': {
        const take = Number(req.query.get('take') ?? 50);
        const from = Number(req.query.get('from') ?? 0);
        const end = from + take;
        return {
          json: { connections: items.slice(from, end), ...(end < items.length ? { next: String(end) } : {}) },
        };
      }
      case '/api/v2/actions/actions': {
        if (req.query.has('include_totals'))
          return apiError(400, 'Query validation error: include_totals not allowed');
        const page = Number(req.query.get('page') ?? 0);
        const perPage = Number(req.query.get('per_page') ?? 20);
        return {
          json: {
            actions: items.slice(page * perPage, (page + 1) * perPage),
            total: items.length,
            per_page: perPage,
          },
        };
      }
      default:
        return apiError(404, 'Not found');
    }
  });
  client = createManagementClient({ domain: tenant.url, token: 't' });
});
afterAll(() => tenant.close());

const requestsTo = (path: string) => tenant.seen.filter((r) => r.path === path);

describe('pagination', () => {
  it('offset: page/per_page/include_totals until total', async () => {
    expect(await client.listOffset('/roles', 'roles')).toEqual(items);
    const pages = requestsTo('/api/v2/roles');
    expect(pages.map((r) => r.query.get('page'))).toEqual(['0', '1', '2']);
    expect(
      pages.every((r) => r.query.get('per_page') === '100' && r.query.get('include_totals') === 'true'),
    ).toBe(true);
  });

  it('offset: a bare array reply pages until a short page', async () => {
    expect(await client.listOffset('/bare', 'bare')).toEqual(items);
    expect(requestsTo('/api/v2/bare')).toHaveLength(3);
  });

  it('offset: extra query parameters are passed on every page', async () => {
    await client.listOffset('/roles', 'roles', { name_filter: 'x y' });
    expect(
      requestsTo('/api/v2/roles')
        .slice(-3)
        .every((r) => r.query.get('name_filter') === 'x y'),
    ).toBe(true);
  });

  it('checkpoint: from/take until there is no next', async () => {
    expect(await client.listCheckpoint('/connections', 'connections', { strategy: 'auth0' })).toEqual(items);
    const pages = requestsTo('/api/v2/connections');
    expect(pages.map((r) => [r.query.get('from'), r.query.get('take'), r.query.get('strategy')])).toEqual([
      [null, '100', 'auth0'],
      ['100', '100', 'auth0'],
      ['200', '100', 'auth0'],
    ]);
  });

  it('actions style: page/per_page without include_totals', async () => {
    expect(await client.listPaged('/actions/actions', 'actions')).toEqual(items);
    expect(requestsTo('/api/v2/actions/actions').map((r) => r.query.get('page'))).toEqual(['0', '1', '2']);
  });

  it('offset: a list the API will not page to its end is an error, not a truncated list', async () => {
    await expect(client.listOffset('/deep', 'deep')).rejects.toThrow(
      /GET \/deep: the API pages this list by offset only and refuses pages past the first 200 of 250 items/,
    );
    await expect(client.listOffset('/short', 'short')).rejects.toThrow(
      'GET /short: the API reports 300 items but its pages ended after 250',
    );
  });

  it('a refused page is an ApiError naming the call', async () => {
    await expect(client.listOffset('/nowhere', 'x')).rejects.toMatchObject({
      status: 404,
      method: 'GET',
      path: expect.stringMatching(/^\/nowhere\?/),
    });
  });
});
