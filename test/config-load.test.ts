// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} templates are what these tests are about
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../src/config/file-tag.ts';
import { ConfigError, type LoadedConfig, loadConfig } from '../src/config/load.ts';
import { allAdapters, writeTree } from './fixtures/config/fake-adapters.ts';
import { problemsOf } from './fixtures/config/problems.ts';

const load = (paths: string | string[], env: Record<string, string> = {}) =>
  loadConfig(paths, { adapters: allAdapters, env });

const keys = (loaded: LoadedConfig, type: string) => [...(loaded.byType.get(type)?.keys() ?? [])];

describe('loadConfig: files and sections', () => {
  it('merges every *.yaml/*.yml of a directory, recursively, in sorted order', () => {
    const root = writeTree({
      'b-clients.yaml': 'clients:\n  - name: B\n',
      'a-clients.yml': 'clients:\n  - name: A\n',
      'apis/main.yaml': 'resource_servers:\n  - identifier: https://api\n    name: API\n',
      'README.md': 'not config',
      '.github/ci.yaml': 'jobs: {}\n',
    });
    const loaded = load(root);
    expect(loaded.files).toEqual([
      join(root, 'a-clients.yml'),
      join(root, 'apis/main.yaml'),
      join(root, 'b-clients.yaml'),
    ]);
    expect(keys(loaded, 'clients')).toEqual(['A', 'B']);
    expect(loaded.byType.get('resource_servers')?.get('https://api')?.config).toEqual({
      identifier: 'https://api',
      name: 'API',
    });
    expect(loaded.objects.map((o) => `${o.type}/${o.key}`)).toEqual([
      'clients/A',
      'resource_servers/https://api',
      'clients/B',
    ]);
    const b = loaded.byType.get('clients')!.get('B')!;
    expect(b.source).toEqual({ file: join(root, 'b-clients.yaml'), line: 2, column: 5 });
    expect(b.path).toBe('clients."B"');
  });

  it('stores map sections as { [mapValueField]: value } and singletons under the key "default"', () => {
    const root = writeTree({
      // The fake prompts type declares its text secret, so it is written as variables.
      'c.yaml': 'tenant:\n  friendly_name: Acme\nprompts:\n  login: ${WELCOME}\n  "sign up": ${JOIN}\n',
    });
    const loaded = load(join(root, 'c.yaml'), { WELCOME: 'Welcome', JOIN: 'Join' });
    expect(loaded.byType.get('tenant')?.get('default')?.config).toEqual({ friendly_name: 'Acme' });
    expect(loaded.byType.get('prompts')?.get('sign up')?.config).toEqual({ text: 'Join' });
    const login = loaded.byType.get('prompts')!.get('login')!;
    expect(login.source.line).toBe(4);
    expect(login.fields.get('text')).toMatchObject({ line: 4, column: 10, path: 'prompts."login".text' });
  });

  it('reads the tenantform settings key, merged across files', () => {
    const root = writeTree({
      'a.yaml': 'tenantform:\n  allow_delete: [clients]\n  ignore:\n    clients: [callbacks]\n',
      'b.yaml':
        'tenantform:\n  allow_delete: [roles, clients]\n  ignore:\n    clients: [jwt_configuration.alg]\n',
    });
    expect(load(root).settings).toEqual({
      allowDelete: ['clients', 'roles'],
      ignore: { clients: ['callbacks', 'jwt_configuration.alg'] },
    });
  });

  it('rejects bad settings with their positions', () => {
    const root = writeTree({ 'a.yaml': 'tenantform:\n  allow_delete: [clientz]\n  ignored: {}\n' });
    expect(problemsOf(() => load(root))).toMatchObject([
      {
        line: 2,
        column: 18,
        path: 'tenantform.allow_delete[0]',
        message: expect.stringContaining('unknown resource type "clientz"'),
      },
      {
        line: 3,
        column: 3,
        path: 'tenantform.ignored',
        message: expect.stringContaining('expected one of: allow_delete, ignore'),
      },
    ]);
  });

  it('an unknown top-level key names file:line and the known keys', () => {
    const root = writeTree({ 'a.yaml': 'clients: []\nclient: []\n' });
    const [problem, ...rest] = problemsOf(() => load(root));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: join(root, 'a.yaml'), line: 2, column: 1, path: 'client' });
    expect(problem.message).toBe(
      'unknown top-level key "client"; expected one of: tenantform, tenant, clients, resource_servers, client_grants, connections, roles, prompts',
    );
  });

  it('reports a section of the wrong shape', () => {
    const root = writeTree({ 'a.yaml': 'clients:\n  name: A\ntenant: [1]\n' });
    expect(problemsOf(() => load(root))).toMatchObject([
      { line: 2, column: 3, path: 'clients', message: 'must be a list of clients objects' },
      { line: 3, column: 9, path: 'tenant', message: 'must be object' },
    ]);
  });

  it('accepts empty files and empty sections', () => {
    const root = writeTree({ 'a.yaml': '', 'b.yaml': '# nothing yet\nclients:\n' });
    expect(load(root).objects).toEqual([]);
  });
});

describe('loadConfig: duplicates', () => {
  it('names both places for an object defined twice in one file', () => {
    const root = writeTree({ 'a.yaml': 'clients:\n  - name: App\n  - name: Other\n  - name: App\n' });
    const file = join(root, 'a.yaml');
    expect(problemsOf(() => load(root))).toEqual([
      {
        file,
        line: 4,
        column: 5,
        path: 'clients."App"',
        message: `clients."App" is defined twice: here and at ${file}:2:5`,
      },
    ]);
  });

  it('names both files for an object defined in two files', () => {
    const root = writeTree({
      'a.yaml': 'resource_servers:\n  - identifier: https://api\n',
      'b.yaml': '# same API\nresource_servers:\n  - name: again\n    identifier: https://api\n',
    });
    const [problem] = problemsOf(() => load(root));
    expect(problem).toMatchObject({ file: join(root, 'b.yaml'), line: 3, column: 5 });
    expect(problem.message).toContain(`${join(root, 'a.yaml')}:2:5`);
  });

  it('a singleton in two files is a duplicate', () => {
    const root = writeTree({
      'a.yaml': 'tenant:\n  friendly_name: A\n',
      'b.yaml': 'tenant:\n  support_email: x@y.z\n',
    });
    const [problem] = problemsOf(() => load(root));
    expect(problem).toMatchObject({ file: join(root, 'b.yaml'), line: 2, path: 'tenant' });
    expect(problem.message).toBe(`tenant is defined twice: here and at ${join(root, 'a.yaml')}:2:3`);
  });

  it('a duplicate mapping key within an object is a YAML error', () => {
    const root = writeTree({ 'a.yaml': 'clients:\n  - name: A\n    name: B\n' });
    expect(problemsOf(() => load(root))).toMatchObject([
      { line: 3, column: 5, message: expect.stringMatching(/unique/) },
    ]);
  });
});

describe('loadConfig: YAML syntax errors', () => {
  it('gives the position of a syntax error and keeps reporting other files', () => {
    const root = writeTree({
      'a.yaml': 'clients:\n  - name: A\n    callbacks: [https://x\n',
      'b.yaml': 'clients:\n  - name: "unterminated\n',
      'c.yaml': 'nope: 1\n',
    });
    const problems = problemsOf(() => load(root));
    expect(problems.map((p) => [p.file.slice(root.length + 1), p.line])).toEqual([
      ['a.yaml', 4],
      ['b.yaml', 3], // an unterminated quote is reported where the input ends
      ['c.yaml', 1],
    ]);
    expect(problems[0].message).toMatch(/^YAML: /);
    expect(problems[0].message).not.toContain('\n');
  });

  it('reports an unknown tag rather than treating it as text', () => {
    const root = writeTree({ 'a.yaml': 'clients:\n  - name: A\n    description: !fiel x.txt\n' });
    expect(problemsOf(() => load(root))).toMatchObject([
      { line: 3, column: 18, message: expect.stringContaining('!fiel') },
    ]);
  });

  it('supports anchors, aliases and merge keys', () => {
    const root = writeTree({
      'a.yaml': [
        'clients:',
        '  - &spa',
        '    name: A',
        '    app_type: spa',
        '    callbacks: [https://a]',
        '  - <<: *spa',
        '    name: B',
      ].join('\n'),
    });
    const loaded = load(root);
    expect(loaded.byType.get('clients')?.get('B')?.config).toEqual({
      name: 'B',
      app_type: 'spa',
      callbacks: ['https://a'],
    });
  });

  // Positions are found when a message asks for them, by following the data path through
  // the YAML nodes the way the data was built.
  it('places fields reached through merge keys, aliases and explicit overrides', () => {
    const root = writeTree({
      'a.yaml': [
        'clients:', //                   1
        '  - &spa', //                   2
        '    name: A', //                3
        '    app_type: spa', //          4
        '    callbacks: [https://a]', // 5
        '  - <<: *spa', //               6
        '    name: B', //                7
        '    logo: &logo x', //          8
        '    description: *logo', //     9
      ].join('\n'),
    });
    const b = load(root).byType.get('clients')!.get('B')!;
    expect(b.fields.get('name')).toMatchObject({ line: 7, column: 11, path: 'clients."B".name' });
    expect(b.fields.get('app_type')).toMatchObject({ line: 4, column: 15 });
    expect(b.fields.get('callbacks.0')).toMatchObject({
      line: 5,
      column: 17,
      path: 'clients."B".callbacks[0]',
    });
    // An alias is placed where it is written, not at its anchor.
    expect(b.fields.get('description')).toMatchObject({ line: 9, column: 18 });
    expect(b.fields.get('missing')).toBeUndefined();
    expect(b.fields.get('')).toMatchObject({ line: 6, column: 5, path: 'clients."B"' });
  });

  it('places a field whose key holds dots', () => {
    const root = writeTree({
      'a.yaml': 'clients:\n  - name: A\n    client_metadata:\n      a.b: 1\n      a: { b: 2 }\n',
    });
    const a = load(root).byType.get('clients')!.get('A')!;
    expect(a.fields.get('client_metadata.a.b')).toMatchObject({ line: 4, column: 12 });
  });
});

describe('loadConfig: !file', () => {
  it('inlines a file relative to the YAML file, without substituting inside it', () => {
    const root = writeTree({
      'config/actions.yaml': 'actions_code: !file ../code/login.js\n',
      'config/clients.yaml': 'clients:\n  - name: A\n    description: !file texts/a.txt\n',
      'config/texts/a.txt': 'Hello ${NAME}\n',
      'code/login.js': 'exports.onExecutePostLogin = async () => `${x}`;\n',
    });
    const loaded = load(join(root, 'config/clients.yaml'), { NAME: 'n' });
    expect(loaded.byType.get('clients')?.get('A')?.config.description).toBe('Hello ${NAME}\n');
  });

  it('a .json file is data: its parsed value, nothing substituted inside it', () => {
    const metadata = { team: 'identity', note: '${not substituted}' };
    const root = writeTree({
      'clients.yaml': 'clients:\n  - name: A\n    client_metadata: !file a.json\n',
      'a.json': JSON.stringify(metadata, null, 2),
    });
    expect(load(root).byType.get('clients')?.get('A')?.config.client_metadata).toEqual(metadata);
  });

  it('a .json file that does not parse is an error naming file:line', () => {
    const root = writeTree({
      'clients.yaml': 'clients:\n  - name: A\n    client_metadata: !file a.json\n',
      'a.json': '{ "team": ',
    });
    expect(problemsOf(() => load(root))).toMatchObject([
      {
        file: join(root, 'clients.yaml'),
        line: 3,
        message: expect.stringContaining('!file a.json: not valid JSON'),
      },
    ]);
  });

  it('a missing file is an error naming file:line, alongside the file’s other problems', () => {
    const root = writeTree({
      'a.yaml': 'clients:\n  - name: A\n    description: !file missing.txt\n    logo_uri: ${LOGO}\n',
    });
    const problems = problemsOf(() => load(root));
    expect(problems).toMatchObject([
      {
        file: join(root, 'a.yaml'),
        line: 3,
        column: 18,
        message: expect.stringContaining('!file missing.txt: no such file'),
      },
      {
        line: 4,
        column: 15,
        path: 'clients[0].logo_uri',
        message: expect.stringContaining('variable LOGO is not set'),
      },
    ]);
  });
});

describe('loadConfig: what !file may read', () => {
  const refused = (root: string, file = 'a.yaml') =>
    problemsOf(() => load(join(root, file))).map((p) => `${p.line}: ${p.message}`);

  it('only regular files inside the config directory, symlinks resolved, within the size limit', () => {
    const root = writeTree({
      'tenant/a.yaml': [
        'clients:',
        '  - name: A',
        '    description: !file /proc/self/environ',
        '  - name: B',
        '    description: !file ../../../../../../../../../../etc/passwd',
        '  - name: C',
        '    description: !file link.txt',
        '  - name: D',
        '    description: !file /dev/zero',
        '  - name: E',
        '    description: !file fifo',
        '  - name: F',
        '    description: !file big.txt',
        '  - name: G',
        '    description: !file texts/inside-link.txt',
        '',
      ].join('\n'),
      'tenant/texts/real.txt': 'fine\n',
      'outside.txt': 'secret\n',
    });
    const dir = join(root, 'tenant');
    symlinkSync(join(root, 'outside.txt'), join(dir, 'link.txt'));
    symlinkSync(join(dir, 'texts/real.txt'), join(dir, 'texts/inside-link.txt'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(MAX_FILE_BYTES + 1));
    const problems = refused(dir);
    expect(problems).toEqual([
      expect.stringMatching(/^3: YAML: !file \/proc\/self\/environ: is outside the config directory/),
      expect.stringMatching(/^5: YAML: !file (\.\.\/)+etc\/passwd: is outside the config directory/),
      expect.stringMatching(
        /^7: YAML: !file link.txt: is outside the config directory .* \(it resolves to .*outside\.txt\)/,
      ),
      expect.stringMatching(/^9: YAML: !file \/dev\/zero: is outside the config directory/),
      expect.stringMatching(/^11: YAML: !file fifo: is not a regular file/),
      expect.stringMatching(/^13: YAML: !file big.txt: is 1048577 bytes, more than the 1048576/),
    ]);
  });

  it('a file given with -c has its own directory as the config directory', () => {
    const root = writeTree({
      'a.yaml': 'clients:\n  - name: A\n    description: !file texts/a.txt\n',
      'texts/a.txt': 'ok',
    });
    expect(load(join(root, 'a.yaml')).byType.get('clients')?.get('A')?.config.description).toBe('ok');
  });
});

describe('loadConfig: secrets', () => {
  it('a literal secret, or one whose variable is empty, is an error at its line', () => {
    const root = writeTree({
      'a.yaml':
        'clients:\n  - name: A\n    client_secret: plain-text\n  - name: B\n    client_secret: ${EMPTY}\n',
    });
    const problems = problemsOf(() => load(join(root, 'a.yaml'), { EMPTY: '' }));
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^3: is a secret written literally: write it as \$\{VAR\}/),
      expect.stringMatching(/^5: is a secret whose value \(\$\{EMPTY\}\) is empty/),
    ]);
  });
});

describe('ConfigError', () => {
  it('lists every problem, sorted by file and line, in its message', () => {
    const root = writeTree({ 'b.yaml': 'x: 1\n', 'a.yaml': 'clients:\n  - name: A\n\ny: 2\n' });
    let error: ConfigError | undefined;
    try {
      load(root);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message.split('\n')).toEqual([
      '2 configuration problems:',
      expect.stringMatching(/a\.yaml:4:1: y: unknown top-level key "y"/),
      expect.stringMatching(/b\.yaml:1:1: x: unknown top-level key "x"/),
    ]);
  });

  it('reports a path that does not exist', () => {
    expect(problemsOf(() => load('/nonexistent/tenantform'))).toMatchObject([
      { message: 'no such file or directory' },
    ]);
  });
});
