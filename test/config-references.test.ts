import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReferences, loadConfig } from '../src/config/load.ts';
import { allAdapters, writeTree } from './fixtures/config/fake-adapters.ts';

const files = {
  'clients.yaml': 'clients:\n  - name: My SPA\n  - name: Backend\n',
  'apis.yaml': 'resource_servers:\n  - identifier: https://api.example\n',
  'links.yaml': [
    'client_grants:',
    '  - client: Backend',
    '    audience: https://api.example',
    '  - client: Ghost',
    '    audience: https://other.example',
    'connections:',
    '  - name: db',
    '    enabled_clients: [My SPA, "Old App"]',
    'roles:',
    '  - name: admin',
    '    permissions:',
    '      - { resource_server: https://api.example, name: "read:all" }',
    '',
  ].join('\n'),
};

describe('checkReferences', () => {
  const root = writeTree(files);
  const loaded = loadConfig(root, { adapters: allAdapters, env: {} });
  const links = join(root, 'links.yaml');

  it('reports references found nowhere, at the referencing field', () => {
    expect(checkReferences(loaded, allAdapters)).toEqual([
      {
        file: links,
        line: 4,
        column: 13,
        path: 'client_grants."Ghost → https://other.example".client',
        message: 'clients."Ghost" not found in config',
      },
      {
        file: links,
        line: 5,
        column: 15,
        path: 'client_grants."Ghost → https://other.example".audience',
        message: 'resource_servers."https://other.example" not found in config',
      },
      {
        file: links,
        line: 8,
        column: 31,
        path: 'connections."db".enabled_clients[1]',
        message: 'clients."Old App" not found in config',
      },
      {
        file: links,
        line: 12,
        column: 55,
        path: 'roles."admin".permissions[0].name',
        message: 'resource_servers_scopes."https://api.example read:all" not found in config',
      },
    ]);
  });

  it('resolves references to live objects and to extra known keys the caller passes', () => {
    const live = new Map([
      ['clients', new Set(['Ghost', 'Old App'])],
      ['resource_servers_scopes', new Set(['https://api.example read:all'])],
    ]);
    expect(checkReferences(loaded, allAdapters, live)).toEqual([
      expect.objectContaining({
        line: 5,
        message: 'resource_servers."https://other.example" not found in config or in the tenant',
      }),
    ]);
  });

  it('falls back to the nearest enclosing field when the adapter path is not a written node', () => {
    const adapters = allAdapters.map((a) =>
      a.type === 'connections'
        ? { ...a, references: () => [{ type: 'clients', key: 'Nobody', path: 'options.computed.0' }] }
        : a,
    );
    const problems = checkReferences(loaded, adapters);
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 7,
        column: 5,
        path: 'connections."db"',
        message: 'clients."Nobody" not found in config',
      }),
    );
  });
});
