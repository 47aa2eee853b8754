// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} templates are what these tests are about
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.ts';
import { allAdapters, writeTree } from './fixtures/config/fake-adapters.ts';
import { problemsOf } from './fixtures/config/problems.ts';

// A small stand-in for the generated config schema: same shape (top-level sections, objects
// with the Management API's field names), a handful of fields.
const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    clients: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          app_type: { enum: ['spa', 'native', 'non_interactive', 'regular_web'] },
          callbacks: { type: 'array', items: { type: 'string', format: 'uri' } },
          client_secret: { type: 'string' },
          jwt_configuration: {
            type: 'object',
            additionalProperties: false,
            properties: { lifetime_in_seconds: { type: 'integer' }, secret_encoded: { type: 'boolean' } },
          },
          description: { anyOf: [{ type: 'string' }, { type: 'null' }] },
          refresh_token: {
            oneOf: [
              { type: 'string', const: 'default' },
              {
                type: 'object',
                additionalProperties: false,
                properties: { rotation_type: { enum: ['rotating', 'non-rotating'] } },
              },
            ],
          },
        },
      },
    },
    tenant: {
      type: 'object',
      additionalProperties: false,
      properties: { friendly_name: { type: 'string' }, session_lifetime: { type: 'number' } },
    },
  },
};

const load = (files: Record<string, string>, env: Record<string, string> = {}) => {
  const root = writeTree(files);
  return { root, load: () => loadConfig(root, { adapters: allAdapters, env, schema }) };
};

describe('loadConfig: schema validation', () => {
  it('accepts a valid config', () => {
    const { load: run } = load({
      'a.yaml':
        'clients:\n  - name: A\n    app_type: spa\n    callbacks: [https://a.example/cb]\n    description: null\n',
    });
    expect(run().objects).toHaveLength(1);
  });

  it('maps each error to its YAML position, with the field path and what was expected', () => {
    const { root, load: run } = load({
      'a.yaml': [
        'clients:',
        '  - name: A',
        '    app_type: mobile',
        '    callbacks:',
        '      - https://ok.example/cb',
        '      - 42',
        '    colour: blue',
        '  - name: B',
        '    jwt_configuration:',
        '      lifetime_in_seconds: soon',
        '  - app_type: spa',
        '',
      ].join('\n'),
    });
    const file = join(root, 'a.yaml');
    expect(problemsOf(run)).toEqual([
      {
        file,
        line: 3,
        column: 15,
        path: 'clients[0].app_type',
        message: 'must be one of: spa, native, non_interactive, regular_web',
      },
      { file, line: 6, column: 9, path: 'clients[0].callbacks[1]', message: 'must be string' },
      { file, line: 7, column: 5, path: 'clients[0].colour', message: 'unknown field "colour"' },
      {
        file,
        line: 10,
        column: 28,
        path: 'clients[1].jwt_configuration.lifetime_in_seconds',
        message: 'must be integer',
      },
      { file, line: 11, column: 5, path: 'clients[2]', message: 'missing required field "name"' },
    ]);
  });

  it('suggests the field probably meant', () => {
    const { load: run } = load({ 'a.yaml': 'clients:\n  - name: A\n    calbacks: []\n' });
    expect(problemsOf(run)).toMatchObject([
      { line: 3, column: 5, message: 'unknown field "calbacks" (did you mean "callbacks"?)' },
    ]);
  });

  it('says one thing for a failed anyOf/oneOf', () => {
    const { load: run } = load({
      'a.yaml': [
        'clients:',
        '  - name: A',
        '    description: [x]',
        '  - name: B',
        '    refresh_token:',
        '      rotation_type: sometimes',
        '',
      ].join('\n'),
    });
    expect(problemsOf(run)).toMatchObject([
      { line: 3, column: 18, path: 'clients[0].description', message: 'must be string or null' },
      {
        line: 6,
        column: 22,
        path: 'clients[1].refresh_token.rotation_type',
        message: 'must be one of: rotating, non-rotating',
      },
    ]);
  });

  it('reports formats', () => {
    const { load: run } = load({ 'a.yaml': 'clients:\n  - name: A\n    callbacks: ["not a uri"]\n' });
    expect(problemsOf(run)).toMatchObject([
      { line: 3, column: 17, path: 'clients[0].callbacks[0]', message: 'must be a valid uri' },
    ]);
  });

  it('validates each file on its own, positions in the right file', () => {
    const { root, load: run } = load({
      'a.yaml': 'clients:\n  - name: A\n',
      'b.yaml': 'tenant:\n  friendly_name: 3\n',
    });
    expect(problemsOf(run)).toEqual([
      {
        file: join(root, 'b.yaml'),
        line: 2,
        column: 18,
        path: 'tenant.friendly_name',
        message: 'must be string',
      },
    ]);
  });

  it('coerces a plain ${VAR} to the number or boolean the schema asks for, and nothing else', () => {
    const { load: run } = load(
      {
        'a.yaml': [
          'tenant:',
          '  session_lifetime: ${HOURS}',
          'clients:',
          '  - name: A',
          '    client_secret: ${SECRET}',
          '    jwt_configuration:',
          '      lifetime_in_seconds: ${LIFETIME}',
          '      secret_encoded: ${ENCODED}',
          '',
        ].join('\n'),
      },
      { HOURS: '1.5', SECRET: '12345', LIFETIME: '3600', ENCODED: 'true' },
    );
    const loaded = run();
    expect(loaded.byType.get('tenant')?.get('default')?.config).toEqual({ session_lifetime: 1.5 });
    expect(loaded.byType.get('clients')?.get('A')?.config).toEqual({
      name: 'A',
      client_secret: '12345',
      jwt_configuration: { lifetime_in_seconds: 3600, secret_encoded: true },
    });
  });

  it('does not coerce quoted or partial templates', () => {
    const { load: run } = load({ 'a.yaml': 'tenant:\n  session_lifetime: "${HOURS}"\n' }, { HOURS: '2' });
    expect(problemsOf(run)).toMatchObject([
      { line: 2, path: 'tenant.session_lifetime', message: 'must be number' },
    ]);
  });

  it('says nothing more about a value whose variable is missing', () => {
    const { load: run } = load({ 'a.yaml': 'tenant:\n  session_lifetime: ${HOURS}\n  friendly_name: 3\n' });
    expect(problemsOf(run)).toMatchObject([
      { line: 2, message: expect.stringContaining('variable HOURS is not set') },
      { line: 3, message: 'must be string' },
    ]);
  });

  it('does not run the schema over the settings key or unknown keys (reported once, by the loader)', () => {
    const { load: run } = load({ 'a.yaml': 'tenantform:\n  allow_delete: [clients]\nextra: 1\n' });
    expect(problemsOf(run)).toMatchObject([
      { line: 3, path: 'extra', message: expect.stringContaining('unknown top-level key') },
    ]);
  });
});
