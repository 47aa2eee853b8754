// Issue 13, case by case: config mistakes a new user makes, each in a fixture of its own
// (test/fixtures/config-mistakes/). validate, plan and apply all refuse it with exit 1,
// file:line:column, the field, and not one request that writes reaches the emulator.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, planJson, startHarness } from './fixtures/tenant-harness.ts';

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
  /** The field path the message names. */
  field: string;
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
  const where = `${mistake.fixture}:${line}:${column}: ${mistake.field}:`;
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
});
