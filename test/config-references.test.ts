import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertReferences, ConfigError, checkReferences, loadConfig } from '../src/config/load.ts';
import type { ResourceAdapter } from '../src/resources/contract.ts';
import { allAdapters, writeTree } from './fixtures/config/fake-adapters.ts';
import { problemsOf } from './fixtures/config/problems.ts';

const files = {
  'clients.yaml': 'clients:\n  - name: My SPA\n  - name: Backend\n',
  'apis.yaml':
    "resource_servers:\n  - identifier: https://api.example\n    scopes: [{ value: 'read:all' }]\n",
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
    '      - { resource_server: https://api.example, name: "write:all" }',
    '      - { resource_server: https://live.example, name: "read:live" }',
    '',
  ].join('\n'),
};

describe('checkReferences', () => {
  const root = writeTree(files);
  const loaded = loadConfig(root, { adapters: allAdapters, env: {} });
  const links = join(root, 'links.yaml');

  it('reports references found nowhere, at the referencing field, once per missing target', () => {
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
        line: 13,
        column: 55,
        path: 'roles."admin".permissions[1].name',
        message:
          '"write:all" is not defined by resource_servers."https://api.example" (it defines: read:all)',
      },
      {
        file: links,
        line: 14,
        column: 28,
        path: 'roles."admin".permissions[2].resource_server',
        message: 'resource_servers."https://live.example" not found in config',
      },
    ]);
  });

  it('resolves references to live objects; checks live members only when given', () => {
    const live = new Map([
      ['clients', new Set(['Ghost', 'Old App'])],
      ['resource_servers', new Set(['https://live.example'])],
    ]);
    const messages = (problems: { line: number; message: string }[]) =>
      problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages(checkReferences(loaded, allAdapters, live))).toEqual([
      '5: resource_servers."https://other.example" not found in config or in the tenant',
      '13: "write:all" is not defined by resource_servers."https://api.example" (it defines: read:all)',
    ]);
    const liveScopes = new Map([
      ['resource_servers', new Map([['https://live.example', new Set(['read:other'])]])],
    ]);
    expect(messages(checkReferences(loaded, allAdapters, live, liveScopes))).toContain(
      '14: "read:live" is not defined by resource_servers."https://live.example" (it defines: read:other)',
    );
  });

  it('accepts extra known keys of any type the caller passes', () => {
    const tagged: ResourceAdapter[] = allAdapters.map((a) =>
      a.type === 'connections'
        ? { ...a, references: () => [{ type: 'realms', key: 'eu', path: 'name' }] }
        : a,
    );
    expect(checkReferences(loaded, tagged).map((p) => p.message)).toContain(
      'realms."eu" not found in config',
    );
    const known = new Map([['realms', new Set(['eu'])]]);
    expect(checkReferences(loaded, tagged, known).map((p) => p.message)).not.toContain(
      'realms."eu" not found in config or in the tenant',
    );
  });

  it('falls back to the nearest enclosing field when the adapter path is not a written node', () => {
    const adapters = allAdapters.map((a) =>
      a.type === 'connections'
        ? { ...a, references: () => [{ type: 'clients', key: 'Nobody', path: 'options.computed.0' }] }
        : a,
    );
    expect(checkReferences(loaded, adapters)).toContainEqual(
      expect.objectContaining({
        line: 7,
        column: 5,
        path: 'connections."db"',
        message: 'clients."Nobody" not found in config',
      }),
    );
  });

  it('assertReferences throws one ConfigError with every problem', () => {
    expect(() => assertReferences(loaded, allAdapters)).toThrow(ConfigError);
    expect(problemsOf(() => assertReferences(loaded, allAdapters))).toHaveLength(5);
  });
});
