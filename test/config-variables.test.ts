// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} templates are what these tests are about
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, expandTemplate, loadConfig } from '../src/config/load.ts';
import { allAdapters, writeTree } from './fixtures/config/fake-adapters.ts';
import { problemsOf } from './fixtures/config/problems.ts';

describe('expandTemplate', () => {
  const lookup = (vars: Record<string, string>) => (name: string) => vars[name];

  it('substitutes whole and partial strings', () => {
    expect(expandTemplate('${A}', lookup({ A: 'x' }))).toEqual({
      value: 'x',
      hasVariables: true,
      missing: [],
    });
    expect(expandTemplate('https://${HOST}/cb?x=${N}', lookup({ HOST: 'h', N: '1' })).value).toBe(
      'https://h/cb?x=1',
    );
  });

  it('uses the default when unset or empty, like the shell', () => {
    expect(expandTemplate('${A:-dflt}', lookup({})).value).toBe('dflt');
    expect(expandTemplate('${A:-dflt}', lookup({ A: '' })).value).toBe('dflt');
    expect(expandTemplate('${A:-}', lookup({})).value).toBe('');
    expect(expandTemplate('${A:-a b:c}', lookup({})).value).toBe('a b:c');
    expect(expandTemplate('${A}', lookup({ A: '' }))).toMatchObject({ value: '', missing: [] });
  });

  it('$${ is a literal ${, and does not count as a variable', () => {
    expect(expandTemplate('$${A} and $5', lookup({}))).toEqual({
      value: '${A} and $5',
      hasVariables: false,
      missing: [],
    });
    expect(expandTemplate('$${A}-${B}', lookup({ B: 'b' })).value).toBe('${A}-b');
  });

  it('reports missing and malformed references', () => {
    expect(expandTemplate('${A}${B}', lookup({})).missing).toEqual(['A', 'B']);
    expect(expandTemplate('${1X}', lookup({})).malformed).toContain('"${1X}"');
    expect(expandTemplate('abc ${OPEN', lookup({})).malformed).toContain('malformed');
  });
});

describe('loadConfig: substitution', () => {
  const config = [
    'clients:',
    '  - name: ${APP_NAME}',
    '    callbacks:',
    '      - https://${DOMAIN}/callback',
    '      - "${OTHER:-https://fallback}"',
    '    description: Costs $${PRICE}',
    '    client_secret: ${CLIENT_SECRET}',
    '',
  ].join('\n');

  it('substitutes from env in any string scalar, with defaults and escapes', () => {
    const root = writeTree({ 'c.yaml': config });
    const loaded = loadConfig(root, {
      adapters: allAdapters,
      env: { APP_NAME: 'My SPA', DOMAIN: 'dev.example.com', CLIENT_SECRET: 's3cret' },
    });
    expect(loaded.byType.get('clients')?.get('My SPA')?.config).toEqual({
      name: 'My SPA',
      callbacks: ['https://dev.example.com/callback', 'https://fallback'],
      description: 'Costs ${PRICE}',
      client_secret: 's3cret',
    });
  });

  it('a missing variable is an error naming file, line and field', () => {
    const root = writeTree({ 'c.yaml': config });
    const problems = problemsOf(() => loadConfig(root, { adapters: allAdapters, env: { APP_NAME: 'A' } }));
    expect(problems).toEqual([
      {
        file: join(root, 'c.yaml'),
        line: 4,
        column: 9,
        path: 'clients[0].callbacks[0]',
        message:
          'variable DOMAIN is not set: set it in the environment or a values file, or give a default (${DOMAIN:-default})',
      },
      expect.objectContaining({
        line: 7,
        column: 20,
        path: 'clients[0].client_secret',
        message: expect.stringContaining('CLIENT_SECRET'),
      }),
    ]);
  });

  it('does not read process.env when env is given, and does by default', () => {
    const root = writeTree({ 'c.yaml': 'tenant:\n  friendly_name: ${TENANTFORM_TEST_VAR}\n' });
    expect(() => loadConfig(root, { adapters: allAdapters, env: {} })).toThrow(ConfigError);
    process.env.TENANTFORM_TEST_VAR = 'from process';
    try {
      const loaded = loadConfig(root, { adapters: allAdapters });
      expect(loaded.objects[0].config).toEqual({ friendly_name: 'from process' });
    } finally {
      delete process.env.TENANTFORM_TEST_VAR;
    }
  });

  it('explains that variables inside [ ] or { } must be quoted', () => {
    const root = writeTree({ 'c.yaml': 'clients:\n  - name: A\n    callbacks: [https://${HOST}/cb]\n' });
    const problems = problemsOf(() => loadConfig(root, { adapters: allAdapters, env: { HOST: 'h' } }));
    expect(problems[0]).toMatchObject({
      line: 3,
      message: expect.stringContaining("quote values that hold variables: '${VAR}'"),
    });
  });

  it('does not substitute in keys', () => {
    // (The fake prompts type's text is secret, so it is a variable.)
    const root = writeTree({ 'c.yaml': 'prompts:\n  ${X}: ${TEXT}\n' });
    expect(
      loadConfig(root, { adapters: allAdapters, env: { TEXT: 't' } })
        .byType.get('prompts')
        ?.has('${X}'),
    ).toBe(true);
  });
});

describe('loadConfig: values files', () => {
  const files = {
    'config/tenant.yaml':
      'tenant:\n  friendly_name: ${NAME}\n  support_email: ${EMAIL}\n  support_url: ${URL:-https://default}\n',
    'env/base.yaml': 'NAME: Base\nEMAIL: base@example.com\nURL: https://base\n',
    'env/prod.yaml': '# prod\nNAME: Prod\nPORT: 443\n',
  };

  it('fills variables from values files, later files winning, the environment winning over all', () => {
    const root = writeTree(files);
    const loaded = loadConfig(join(root, 'config'), {
      adapters: allAdapters,
      env: { EMAIL: 'env@example.com' },
      valuesFiles: [join(root, 'env/base.yaml'), join(root, 'env/prod.yaml')],
    });
    expect(loaded.objects[0].config).toEqual({
      friendly_name: 'Prod',
      support_email: 'env@example.com',
      support_url: 'https://base',
    });
  });

  it('rejects a values file that is not a map, with the position', () => {
    const root = writeTree({
      ...files,
      'env/bad.yaml': 'NAME: x\nNESTED:\n  A: 1\n',
      'env/list.yaml': '- A\n',
    });
    const problems = problemsOf(() =>
      loadConfig(join(root, 'config'), {
        adapters: allAdapters,
        env: {},
        valuesFiles: [join(root, 'env/bad.yaml'), join(root, 'env/list.yaml')],
      }),
    );
    // A nested value is a variable holding an object (unused here): no problem.
    expect(problems).toEqual([
      expect.objectContaining({
        file: join(root, 'config/tenant.yaml'),
        line: 3,
        message: expect.stringContaining('EMAIL'),
      }),
      expect.objectContaining({
        file: join(root, 'env/list.yaml'),
        line: 1,
        message: 'a values file must be a map of VARIABLE: value',
      }),
    ]);
  });

  it('reports a values file that does not exist', () => {
    const root = writeTree(files);
    const problems = problemsOf(() =>
      loadConfig(join(root, 'config'), {
        adapters: allAdapters,
        env: { NAME: 'n', EMAIL: 'e' },
        valuesFiles: ['nope.yaml'],
      }),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'nope.yaml',
        message: expect.stringContaining('cannot read values file'),
      }),
    ]);
  });
});

describe('loadConfig: secret templates', () => {
  it('records the raw template of secret fields written with a variable; a literal is refused', () => {
    const root = writeTree({
      'c.yaml': [
        'clients:',
        '  - name: A',
        '    client_secret: ${A_SECRET}',
        '    signing_keys:',
        '      - key: "prefix-${KEY1}"',
        '    description: ${NOT_SECRET}',
        'prompts:',
        '  login: ${LOGIN_TEXT:-hi}',
        '',
      ].join('\n'),
    });
    const loaded = loadConfig(root, {
      adapters: allAdapters,
      env: { A_SECRET: 'aaa', KEY1: 'k1', NOT_SECRET: 'd' },
    });
    const a = loaded.byType.get('clients')!.get('A')!;
    expect(a.config.client_secret).toBe('aaa');
    expect(a.secretTemplates).toEqual({
      client_secret: '${A_SECRET}',
      'signing_keys.0.key': 'prefix-${KEY1}',
    });
    const literal = writeTree({ 'c.yaml': 'clients:\n  - name: B\n    client_secret: written-in-clear\n' });
    expect(problemsOf(() => loadConfig(literal, { adapters: allAdapters, env: {} }))).toMatchObject([
      { line: 3, path: 'clients."B".client_secret', message: expect.stringContaining('written literally') },
    ]);
    expect(loaded.byType.get('prompts')!.get('login')!.secretTemplates).toEqual({
      text: '${LOGIN_TEXT:-hi}',
    });
  });

  it('an escaped $${…} in a secret is a literal, not a template: refused like any literal', () => {
    const root = writeTree({ 'c.yaml': 'clients:\n  - name: A\n    client_secret: $${NOT_A_VAR}\n' });
    expect(problemsOf(() => loadConfig(root, { adapters: allAdapters, env: {} }))).toMatchObject([
      { line: 3, message: expect.stringContaining('written literally') },
    ]);
  });
});
