import { describe, expect, it } from 'vitest';
import { areaOf } from '../tools/fidelity/area.ts';
import { parseCassette } from '../tools/fidelity/cassette.ts';
import { compareEchoes, compareFields } from '../tools/fidelity/compare.ts';
import { IdMap } from '../tools/fidelity/id-map.ts';
import { pairElements } from '../tools/fidelity/pairing.ts';
import { firstDivergence, summarise, unmetThresholds } from '../tools/fidelity/report.ts';
import type { ReplayedInteraction } from '../tools/fidelity/replay.ts';

describe('fidelity harness: cassettes', () => {
  it('reads go-vcr interactions below /api/v2, with JSON bodies parsed', () => {
    const cassette = parseCassette(
      'T',
      `version: 2
interactions:
  - request:
      body: |
        {"name":"r"}
      url: https://t.eu.auth0.com/api/v2/roles?per_page=5
      method: POST
    response:
      body: '{"id":"rol_1234567890abcdef","name":"r"}'
      code: 200
  - request:
      body: ""
      url: https://t.eu.auth0.com/oauth/token
      method: POST
    response:
      body: '{}'
      code: 200
`,
    );
    expect(cassette.host).toBe('t.eu.auth0.com');
    expect(cassette.interactions).toEqual([
      {
        method: 'POST',
        path: '/roles',
        query: 'per_page=5',
        body: '{"name":"r"}',
        status: 200,
        response: { id: 'rol_1234567890abcdef', name: 'r' },
      },
    ]);
  });
});

describe('fidelity harness: id mapping', () => {
  it('learns server-made ids from both answers and rewrites paths, queries and bodies', () => {
    const ids = new IdMap([['t.eu.auth0.com', '127.0.0.1:4010']]);
    ids.learn(
      { id: 'rol_recorded0000001', name: 'r', owner: { client_id: 'recordedClient' } },
      { id: 'rol_emulated0000001', name: 'r', owner: { client_id: 'emulatedClient' } },
      '',
    );
    expect(ids.get('rol_recorded0000001')).toBe('rol_emulated0000001');
    expect(ids.get('recordedClient')).toBe('emulatedClient');
    expect(ids.rewritePath('/roles/rol_recorded0000001/permissions')).toBe(
      '/roles/rol_emulated0000001/permissions',
    );
    expect(ids.rewriteQuery('q=client_id%3ArecordedClient')).toBe('q=client_id%3AemulatedClient');
    expect(ids.rewriteJson({ audience: 'https://t.eu.auth0.com/api/v2/', list: ['recordedClient'] })).toEqual(
      {
        audience: 'https://127.0.0.1:4010/api/v2/',
        list: ['emulatedClient'],
      },
    );
  });

  it('does not map an id the request itself sent, nor short values', () => {
    const ids = new IdMap();
    ids.learn(
      { client_id: 'recordedClient', type: 'tenant' },
      { client_id: 'sentByUs', type: 'other' },
      '{"client_id":"sentByUs"}',
    );
    expect(ids.has('recordedClient')).toBe(false);
    expect(ids.has('tenant')).toBe(false);
  });

  it('rewrites an encoded user id inside one path segment', () => {
    const ids = new IdMap([['auth0|recorded', 'auth0|emulated']]);
    expect(ids.rewritePath('/users/auth0%7Crecorded')).toBe('/users/auth0%7Cemulated');
  });
});

describe('fidelity harness: pairing and comparing', () => {
  it('pairs list elements by mapped id, then by name, and leaves the recorded tenant’s own objects out', () => {
    const ids = new IdMap([['rol_recorded0000001', 'rol_emulated0000001']]);
    const { pairs, unpaired } = pairElements(
      [{ id: 'rol_recorded0000001' }, { id: 'rol_other', name: 'b' }, { id: 'rol_unknown', name: 'x' }],
      [{ name: 'b', id: 'rol_b' }, { id: 'rol_emulated0000001' }],
      ids,
    );
    expect(pairs).toEqual([
      [{ id: 'rol_recorded0000001' }, { id: 'rol_emulated0000001' }],
      [
        { id: 'rol_other', name: 'b' },
        { name: 'b', id: 'rol_b' },
      ],
    ]);
    expect(unpaired).toEqual([{ id: 'rol_unknown', name: 'x' }]);
    const fields = compareFields(
      [
        { id: 'rol_recorded0000001', name: 'a', type: 'tenant' },
        { id: 'rol_unknown', name: 'x' },
      ],
      [{ id: 'rol_emulated0000001', name: 'a' }],
      ids,
    );
    expect(fields).toEqual({ recorded: 3, returned: 2, missing: ['[].type'], tenantState: 1 });
  });

  it('counts nested fields, and the whole of a missing object', () => {
    const fields = compareFields(
      { a: 1, b: { c: 1, d: 2 }, e: { f: 1 } },
      { a: 1, b: { c: 2 } },
      new IdMap(),
    );
    expect(fields.recorded).toBe(6);
    expect(fields.returned).toBe(3);
    expect(fields.missing).toEqual(['b.d', 'e']);
  });

  it('checks that what the API echoed back, the emulator echoes too', () => {
    const echoes = compareEchoes(
      { name: 'n', options: { x: 1, y: 2 }, secret: 's' },
      { name: 'n', options: { x: 1, y: 2 }, secret: 's' },
      { name: 'n', options: { x: 1, y: 3 } },
      { name: 'n', options: { x: 1, y: 2 }, secret: 's' },
    );
    expect(echoes).toEqual({ written: 2, echoed: 2, differing: [] });
    const wrong = compareEchoes({ name: 'n' }, { name: 'n' }, { name: 'n' }, { name: 'other' });
    expect(wrong).toEqual({ written: 1, echoed: 0, differing: ['name'] });
  });
});

describe('fidelity harness: areas and report', () => {
  it('names an area by the static segments of the operation, else of the path', () => {
    expect(areaOf('/organizations/org_abc/members', '/organizations/{id}/members')).toBe(
      'organizations/members',
    );
    expect(areaOf('/attack-protection/captcha', '/attack-protection/captcha')).toBe(
      'attack-protection/captcha',
    );
    expect(areaOf('/guardian/factors/sms', undefined)).toBe('guardian/factors');
    expect(areaOf('/users/auth0%7C1234/roles', undefined)).toBe('users/roles');
  });

  const step = (over: Partial<ReplayedInteraction>): ReplayedInteraction => ({
    index: 0,
    method: 'GET',
    path: '/clients',
    area: 'clients',
    noRoute: false,
    unknownId: false,
    recordedStatus: 200,
    emulatedStatus: 200,
    ...over,
  });

  it('sums per area, finds the first divergence and says which thresholds are unmet', () => {
    const cassettes = [
      {
        name: 'A',
        interactions: [
          step({ fields: { recorded: 10, returned: 10, missing: [], tenantState: 0 } }),
          step({ index: 1, area: 'guardian/factors', noRoute: true, emulatedStatus: 404 }),
        ],
      },
      {
        name: 'B',
        interactions: [step({ fields: { recorded: 4, returned: 3, missing: ['x'], tenantState: 0 } })],
      },
    ];
    const report = summarise(cassettes);
    expect(report.total).toMatchObject({
      requests: 3,
      statusEqual: 2,
      noRoute: 1,
      fieldsRecorded: 14,
      fieldsReturned: 13,
    });
    expect(report.areas.map((a) => [a.area, a.requests])).toEqual([
      ['clients', 2],
      ['guardian/factors', 1],
    ]);
    expect(firstDivergence(cassettes[0]).what).toBe('200 recorded, 404 emulated: no route');
    expect(firstDivergence(cassettes[1]).what).toBe('missing x');
    expect(unmetThresholds(report)).toEqual([
      'status codes equal 66.7% < 97%',
      'fields returned 92.9% < 95%',
    ]);
  });
});
