// Issue 13, case by case: config mistakes a new user makes, each in a fixture of its own
// (test/fixtures/config-mistakes/). validate, plan and apply all refuse it with exit 1,
// file:line:column, the field, and not one request that writes reaches the emulator.

import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, planJson, startHarness, tempDir } from './fixtures/tenant-harness.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/config-mistakes/', import.meta.url));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Mistake {
  fixture: string;
  /** The line holding `line`, at the column where `column` starts in it (default: `line` itself). */
  at: { line: string; column?: string };
  /** The field path the message names; none for a problem with the file's YAML as such. */
  field?: string;
  /** What the message says was expected. */
  message: RegExp;
  env?: NodeJS.ProcessEnv;
  /** Only the tenant shows it: validate (offline) passes, plan and apply refuse. */
  online?: boolean;
}

function positionOf(file: string, at: Mistake['at']): { line: number; column: number } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(at.line));
  if (index < 0) throw new Error(`'${at.line}' not in ${file}`);
  return { line: index + 1, column: lines[index].indexOf(at.column ?? at.line) + 1 };
}

/** validate, plan and apply each exit 1 naming file:line:column and field, with no write at all. */
async function expectRefused(mistake: Mistake): Promise<void> {
  const file = `${FIXTURES}${mistake.fixture}`;
  const { line, column } = positionOf(file, mistake.at);
  const where = `${mistake.fixture}:${line}:${column}: ${mistake.field === undefined ? '' : `${mistake.field}:`}`;
  if (mistake.online) expect((await h.run(['validate', '-c', file], mistake.env)).code).toBe(0);
  for (const args of [
    ...(mistake.online ? [] : [['validate', '-c', file]]),
    ['plan', '-c', file, '--detailed-exitcode'],
    ['apply', '-c', file, '--auto-approve'],
  ]) {
    const writesBefore = h.writes().length;
    const result = await h.run(args, mistake.env);
    expect(result.code, `${args[0]}: ${result.stderr}`).toBe(1);
    expect(result.stderr, args[0]).toContain(where);
    expect(result.stderr, args[0]).toMatch(mistake.message);
    expect(h.writes().slice(writesBefore), args[0]).toEqual([]);
  }
}

const MISTAKES: [string, Mistake][] = [
  [
    'aliases of aliases (billion laughs) are bounded',
    {
      fixture: 'billion-laughs.yaml',
      // The alias where the expansion passed the bound.
      at: { line: 'd: &d', column: '*c,*c,*c]' },
      field: 'd[7]',
      message: /aliases expand to more than 10000 values/,
    },
  ],
  [
    'nesting deeper than the API accepts',
    {
      fixture: 'deep-nesting.yaml',
      // The 62nd bracket opens the 65th level.
      at: { line: 'k: [', column: `${'['.repeat(39)}]` },
      message: /nested too deeply: the Management API accepts at most 64 levels/,
      field: `clients[0].client_metadata.k${'[0]'.repeat(61)}`,
    },
  ],
  [
    'several documents in one file',
    {
      fixture: 'several-documents.yaml',
      at: { line: '---' },
      message: /YAML: a second document starts here \(---\): tenantform reads one document per file/,
    },
  ],
  [
    'a trigger key that is not a trigger names the closest one',
    {
      fixture: 'trigger-key-typo.yaml',
      at: { line: 'post_login:', column: 'post_login' },
      field: 'triggers.post_login',
      message: /unknown key "post_login" \(did you mean "post-login"\?\)/,
    },
  ],
  [
    'an action bound to a trigger it does not support',
    {
      fixture: 'trigger-unsupported.yaml',
      at: { line: '- action: greet', column: 'greet' },
      field: 'triggers."credentials-exchange".bindings[0].action',
      message: /"credentials-exchange" is not defined by actions\."greet" in supported_triggers/,
    },
  ],
  [
    'the same action bound twice to one trigger',
    {
      fixture: 'trigger-bound-twice.yaml',
      at: { line: '- greet', column: 'greet' },
      field: 'triggers."post-login".bindings[1]',
      message: /"greet" is listed twice in bindings \(first at line 10\)/,
    },
  ],
  [
    'a role name longer than the API accepts (a limit its document lacks)',
    {
      fixture: 'role-name-too-long.yaml',
      at: { line: '- name: Travel', column: 'Travel' },
      field: 'roles[0].name',
      message: /must be at most 50 characters \(it has 64\)/,
    },
  ],
  [
    'an organization name with capitals',
    {
      fixture: 'organization-name-uppercase.yaml',
      at: { line: 'Globex-Travel' },
      field: 'organizations[0].name',
      message: /must be lowercase letters, digits, - and _/,
    },
  ],
  [
    'a callback that is not a URL',
    {
      fixture: 'callback-not-a-url.yaml',
      at: { line: 'javascript:alert(1)' },
      field: 'clients[0].callbacks[1]',
      message: /must be a callback URL/,
    },
  ],
  [
    'a logout URL with a space in its host',
    {
      fixture: 'callback-space-in-host.yaml',
      at: { line: "'https://app acme.example'" },
      field: 'clients[0].allowed_logout_urls[0]',
      message: /must be an http\(s\) URL/,
    },
  ],
  [
    'a negative token lifetime',
    {
      fixture: 'negative-lifetime.yaml',
      at: { line: '-3600' },
      field: 'clients[0].jwt_configuration.lifetime_in_seconds',
      message: /must be >= 1 \(it is -3600\)/,
    },
  ],
  [
    'an absurd number of hours, from a variable: checked once substituted',
    {
      fixture: 'absurd-session-lifetime.yaml',
      at: { line: '${SESSION_HOURS}' },
      field: 'tenant.session_lifetime',
      message: /must be <= 8760 \(it is 123456789012\)/,
      env: { SESSION_HOURS: '123456789012' },
    },
  ],
  [
    '1e300 where an integer goes',
    {
      fixture: 'huge-number.yaml',
      at: { line: '1e300' },
      field: 'tenant.idle_session_lifetime',
      message: /must be <= 8760/,
    },
  ],
  [
    '20 MB of action code, over the API payload limit',
    {
      fixture: 'action-code-too-large.yaml',
      at: { line: "'${ACTION_CODE}'" },
      field: 'actions[0].code',
      message: /must be at most 1048576 characters \(it has 20971520\)/,
      env: { ACTION_CODE: '/'.repeat(20 * 1024 * 1024) },
    },
  ],
  [
    'a byte that is not UTF-8, at its line and field',
    {
      fixture: 'invalid-utf8.yaml',
      at: { line: 'name: "Caf', column: '\uFFFD' },
      field: 'clients[0].name',
      message: /not valid UTF-8 \(byte 0xe9\)/,
    },
  ],
  [
    'a raw NUL byte',
    {
      fixture: 'nul-byte.yaml',
      at: { line: 'name: Acme', column: '\0' },
      field: 'clients[0].name',
      message: /holds a NUL character/,
    },
  ],
  [
    'a NUL written as an escape',
    {
      fixture: 'nul-escape.yaml',
      at: { line: 'name: "Acme', column: '"Acme' },
      field: 'clients[0].name',
      message: /holds a NUL character/,
    },
  ],
  [
    'a typo in an ignore path names the closest field',
    {
      fixture: 'ignore-typo.yaml',
      at: { line: 'descripton' },
      field: 'tenantform.ignore.clients[1]',
      message: /clients has no field "descripton" \(did you mean "description"\?\)/,
    },
  ],
  [
    'a system object in config is refused at its file and line',
    {
      fixture: 'system-object.yaml',
      at: { line: '- name: All Applications', column: 'name' },
      field: 'clients."All Applications"',
      message: /is a system object of the tenant/,
      online: true,
    },
  ],
];

describe.sequential('issue 13: every mistake caught before the first write', () => {
  it.each(MISTAKES)('%s', (_, mistake) => expectRefused(mistake));

  it('`${VAR}` where a number goes still works, and reaches the tenant as a number', async () => {
    const file = `${FIXTURES}variable-in-number.yaml`;
    const env = { SESSION_HOURS: '72' };
    expect((await h.run(['validate', '-c', file], env)).code).toBe(0);
    const applied = await h.run(['apply', '-c', file, '--auto-approve'], env);
    expect(applied.code, applied.stderr).toBe(0);
    const settings = await h.get<{ session_lifetime: unknown; idle_session_lifetime: unknown }>(
      '/tenants/settings',
    );
    expect(settings).toMatchObject({ session_lifetime: 72, idle_session_lifetime: 24 });
  });

  it('a default that is itself a variable is expanded', async () => {
    const file = `${FIXTURES}nested-default.yaml`;
    const addresses = async (env: NodeJS.ProcessEnv) =>
      (await planJson(h, ['-c', file], env)).changes.map((c) => c.address);
    expect(await addresses({})).toEqual(['clients.Acme Travel App']);
    expect(await addresses({ BRAND: 'Globex' })).toEqual(['clients.Acme Globex App']);
    expect(await addresses({ APP_NAME: 'Billing' })).toEqual(['clients.Acme Billing App']);
  });

  it('a FIFO where a config file goes is refused, not waited on', async () => {
    const dir = tempDir();
    try {
      execFileSync('mkfifo', [dir.path('tenant.yaml')]);
      for (const args of [
        ['validate', '-c', dir.dir],
        ['plan', '-c', dir.path('tenant.yaml')],
      ]) {
        const result = await h.run(args);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          `${dir.path('tenant.yaml')}: not a regular file (a pipe, socket or device)`,
        );
      }
    } finally {
      dir.remove();
    }
  });

  it('a symlinked folder is followed inside the config directory and refused outside it', async () => {
    const dir = tempDir();
    try {
      cpSync(`${FIXTURES}linked`, dir.dir, { recursive: true });
      symlinkSync('.shared', dir.path('roles'));
      const inside = await planJson(h, ['-c', dir.dir]);
      expect(inside.changes.map((c) => c.address).sort()).toEqual([
        'clients.Linked App',
        'roles.Linked Role',
      ]);

      const outside = tempDir();
      cpSync(`${FIXTURES}linked/tenant.yaml`, outside.path('tenant.yaml'));
      symlinkSync(join(FIXTURES, 'outside'), outside.path('roles'));
      const writes = h.writes().length;
      for (const args of [
        ['validate', '-c', outside.dir],
        ['apply', '-c', outside.dir, '--auto-approve'],
      ]) {
        const result = await h.run(args);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(/roles: a symbolic link to .*outside, outside the config directory/);
      }
      expect(h.writes().length).toBe(writes);
      outside.remove();
    } finally {
      dir.remove();
    }
  });

  it('control characters in names are escaped in text, Markdown and JSON', async () => {
    const file = `${FIXTURES}control-characters.yaml`;
    const name = 'Evil\r\u001b[2K\u001b[32mNo changes. The tenant matches the configuration.\u001b[0m\nfake';
    for (const format of ['text', 'markdown', 'json']) {
      const result = await h.run(['plan', '-c', file, '--format', format]);
      expect(result.code, result.stderr).toBe(0);
      // No raw control character but the newlines between lines.
      expect([...result.stdout].filter((c) => c !== '\n' && (c < ' ' || c === '\u007f'))).toEqual([]);
      expect(result.stdout.split('\n').some((line) => line.startsWith('No changes'))).toBe(false);
      if (format === 'json') expect(JSON.parse(result.stdout).changes[0].address).toBe(`clients.${name}`);
      else expect(result.stdout).toContain('Evil\\r\\e[2K\\e[32mNo changes');
    }
  });
});
