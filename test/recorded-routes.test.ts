import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApiDocument } from '../src/emulator/openapi/document.ts';
import { Router } from '../src/emulator/openapi/router.ts';
import { RECORDINGS_DIR, readRecordedRequests, scanRoutes } from '../tools/recorded-routes.ts';

const mini = new Router(loadApiDocument(join(import.meta.dirname, 'fixtures/emulator/mini-api.yaml')));

describe('scan:recordings', () => {
  it('counts the requests the document cannot route and groups them by method and path shape', () => {
    const scan = scanRoutes(
      [
        { cassette: 'A', method: 'GET', path: '/clients' },
        { cassette: 'A', method: 'PUT', path: '/clients/abc123' },
        { cassette: 'A', method: 'GET', path: '/guardian/factors' },
        { cassette: 'B', method: 'GET', path: '/guardian/factors' },
        { cassette: 'B', method: 'GET', path: '/users/auth0%7C6581a23f/roles' },
        { cassette: 'B', method: 'GET', path: '/organizations/org_bCE84ZIRjtX58FeO/connections' },
      ],
      mini,
    );
    expect(scan.total).toBe(6);
    expect(scan.unrouted).toBe(5);
    expect(scan.groups).toEqual([
      { method: 'PUT', template: '/clients/{…}', count: 1, cassettes: ['A'] },
      { method: 'GET', template: '/guardian/factors', count: 2, cassettes: ['A', 'B'] },
      { method: 'GET', template: '/organizations/{…}/connections', count: 1, cassettes: ['B'] },
      { method: 'GET', template: '/users/{…}/roles', count: 1, cassettes: ['B'] },
    ]);
  });

  // The ratchet: the API document routes every request the recordings make (1,186 did not before
  // the overlay of guardian, organizations' connections and clients, users' roles, forms, flows…).
  it.skipIf(!existsSync(RECORDINGS_DIR))(
    'every recorded Management API request has a route in the document',
    () => {
      const requests = readRecordedRequests();
      expect(requests.length).toBeGreaterThan(6000);
      const scan = scanRoutes(requests, new Router(loadApiDocument()));
      expect(scan.groups.map((g) => `${g.method} ${g.template} (${g.count})`)).toEqual([]);
    },
  );
});
