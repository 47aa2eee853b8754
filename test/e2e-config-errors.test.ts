// End to end over real HTTP: every kind of config error stops the run with file:line, exit 1,
// and not a single write to the tenant; so does an apply nobody can confirm.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConfigDir, copyExample, type Harness, startHarness } from './fixtures/tenant-harness.ts';

let h: Harness;
let config: ConfigDir;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  config = copyExample();
});
afterEach(() => {
  config.remove();
  // Nothing any case does may reach the tenant with a write.
  expect(h.writes()).toEqual([]);
});

/** 1-based line of the first occurrence of `text` in the config file. */
function lineOf(text: string, file = config.file): number {
  const content = readFileSync(file, 'utf8');
  const index = content.indexOf(text);
  if (index < 0) throw new Error(`'${text}' not in ${file}`);
  return content.slice(0, index).split('\n').length;
}

/** Runs validate (when offline checks can see it), plan and apply; each fails with `where`. */
async function expectConfigError(where: RegExp, message: RegExp, { offline = true } = {}): Promise<void> {
  const commands = [
    ...(offline ? [['validate', '-c', config.dir]] : []),
    ['plan', '-c', config.dir, '--detailed-exitcode'],
    ['apply', '-c', config.dir, '--auto-approve'],
  ];
  for (const args of commands) {
    const requestsBefore = h.requests.length;
    const result = await h.run(args);
    // An error the config shows by itself is found before any network call at all.
    if (offline) expect(h.requests.slice(requestsBefore), args[0]).toEqual([]);
    expect(result.code, `${args[0]}: ${result.stderr}`).toBe(1);
    expect(result.stderr, args[0]).toMatch(where);
    expect(result.stderr, args[0]).toMatch(message);
    expect(result.stdout, args[0]).not.toMatch(/will be created|Apply complete/);
  }
}

describe.sequential('config errors: file:line, exit 1, zero writes', () => {
  it('YAML syntax', async () => {
    config.edit('  session_lifetime: 72\n', '  session_lifetime: [72\n');
    // The parser notices the unclosed flow sequence where the next line starts.
    const line = lineOf('session_lifetime: [72');
    await expectConfigError(new RegExp(`tenant\\.yaml:(${line}|${line + 1}):\\d+`), /YAML/);
  });

  it('schema: a field of the wrong type', async () => {
    config.edit('token_lifetime: 3600', 'token_lifetime: soon');
    await expectConfigError(
      new RegExp(`tenant\\.yaml:${lineOf('token_lifetime: soon')}\\b`),
      /token_lifetime/,
    );
  });

  it('schema: an unknown value of an enum', async () => {
    config.edit('app_type: spa', 'app_type: spaceship');
    await expectConfigError(new RegExp(`tenant\\.yaml:${lineOf('app_type: spaceship')}\\b`), /app_type/);
  });

  it('unknown reference: a role permission for a scope the API does not define', async () => {
    config.edit(
      "      - { resource_server: https://api.acme.example/bookings, name: 'admin:bookings' }\n",
      "      - { resource_server: https://api.acme.example/bookings, name: 'delete:bookings' }\n",
    );
    await expectConfigError(
      new RegExp(`tenant\\.yaml:${lineOf("name: 'delete:bookings'")}\\b`),
      /delete:bookings/,
    );
  });

  it('unknown reference: a grant for a client that exists neither in config nor tenant', async () => {
    config.edit('  - client: Acme Billing Service\n', '  - client: Nobody Service\n');
    const where = new RegExp(`tenant\\.yaml:${lineOf('client: Nobody Service')}\\b`);
    // Offline, validate cannot know whether the tenant has it: it lists it and passes.
    const validate = await h.run(['validate', '-c', config.dir]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(where);
    await expectConfigError(where, /Nobody Service/, { offline: false });
  });

  it('duplicate: the same object defined in two files, naming both places', async () => {
    writeFileSync(
      join(config.dir, 'more.yaml'),
      '# more apps\nclients:\n  - name: Acme Billing Service\n    app_type: non_interactive\n',
    );
    await expectConfigError(
      new RegExp(`tenant\\.yaml:${lineOf('- name: Acme Billing Service')}\\b`),
      /more\.yaml:3\b/,
    );
  });

  it('missing variable', async () => {
    config.edit("'${SIEM_TOKEN:-Bearer demo-only-token}'", "'${SIEM_TOKEN_NOT_SET}'");
    await expectConfigError(
      new RegExp(`tenant\\.yaml:${lineOf('SIEM_TOKEN_NOT_SET')}\\b`),
      /SIEM_TOKEN_NOT_SET/,
    );
  });
});

describe('apply with no terminal and no --auto-approve', () => {
  it('refuses (exit 1) without writing', async () => {
    const result = await h.run(['apply', '-c', config.dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--auto-approve/);
    // It does not even read the tenant: nothing to confirm means nothing to do.
    expect(h.writes()).toEqual([]);
  });
});
