// Saved plans end to end: `plan --out plan.json` then `apply plan.json` does exactly the
// saved changes; anything that moved in between (an object changed in the tenant, another
// tenant, a missing secret) makes apply refuse before its first write.

import { readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planJson, startHarness, type Harness, type TempDir, tempDir } from './fixtures/tenant-harness.ts';

const API_SECRET = 'sv-api-signing-4f1c9e0b7a2d5e8f';
const SIEM_TOKEN = 'Bearer sv-siem-7d2a6c1e9b3f0a4d';
const SECRETS = { API_SECRET, SIEM_TOKEN };

const CONFIG = `
clients:
  - name: Web App
    description: The first description.
    app_type: spa
    token_endpoint_auth_method: none
    callbacks: [https://app.example/callback]
    grant_types: [authorization_code]
  - name: Worker
    description: Background jobs.
    app_type: non_interactive
    grant_types: [client_credentials]

resource_servers:
  - name: Orders API
    identifier: https://orders.example/api
    signing_alg: HS256
    signing_secret: \${API_SECRET}
    scopes:
      - { value: 'read:orders', description: Read orders }

client_grants:
  - client: Worker
    audience: https://orders.example/api
    scope: ['read:orders']

log_streams:
  - name: SIEM
    type: http
    sink:
      httpEndpoint: https://siem.example/ingest
      httpContentType: application/json
      httpContentFormat: JSONLINES
      httpAuthorization: \${SIEM_TOKEN}
`;

let t: Harness;
let d: TempDir;
beforeEach(async () => {
  t = await startHarness();
  d = tempDir({ 'tenant.yaml': CONFIG });
});
afterEach(async () => {
  await t?.close();
  d?.remove();
});

const config = () => ['-c', d.path('tenant.yaml')];

async function savePlan(extraEnv: NodeJS.ProcessEnv = SECRETS): Promise<string> {
  const file = d.path('plan.json');
  const result = await t.run(['plan', ...config(), '--out', file], extraEnv);
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  return file;
}

async function applyNow(): Promise<void> {
  const result = await t.run(['apply', ...config(), '--auto-approve'], SECRETS);
  expect(result.code, result.stderr).toBe(0);
}

function expectNoSecrets(text: string): void {
  for (const value of [API_SECRET, SIEM_TOKEN, SIEM_TOKEN.replace('Bearer ', '')])
    expect(text).not.toContain(value);
}

describe('saved plans', () => {
  it('applies exactly the saved changes, and the next plan is empty', async () => {
    const file = await savePlan();
    const saved = JSON.parse(d.read('plan.json'));
    expect(saved).toMatchObject({ kind: 'tenantform-plan', formatVersion: 1, target: t.env.AUTH0_DOMAIN });
    const planned = saved.changes
      .map((c: { address: string; action: string }) => `${c.action} ${c.address}`)
      .sort();
    expect(planned).toEqual([
      'create client_grants.Worker → https://orders.example/api',
      'create clients.Web App',
      'create clients.Worker',
      'create log_streams.SIEM',
      'create resource_servers.https://orders.example/api',
    ]);

    const before = t.writes().length;
    const applied = await t.run(['apply', file], SECRETS);
    expect(applied.code, applied.stderr).toBe(0);
    // One write per saved change (creates are single POSTs for these types).
    const writes = t.writes().slice(before);
    expect(writes.map((w) => w.method)).toEqual(Array(planned.length).fill('POST'));

    const next = await planJson(t, config(), SECRETS);
    expect(next.changes).toEqual([]);

    // The secrets reached the tenant although the file never held them.
    const servers = await t.api<{ identifier: string; signing_secret?: string }[]>(
      'GET',
      '/resource-servers',
    );
    expect(servers.find((s) => s.identifier === 'https://orders.example/api')?.signing_secret).toBe(
      API_SECRET,
    );
    const streams = await t.api<{ name: string; sink: { httpAuthorization?: string } }[]>(
      'GET',
      '/log-streams',
    );
    expect(streams.find((s) => s.name === 'SIEM')?.sink.httpAuthorization).toBe(SIEM_TOKEN);
  });

  it('holds no secret value, keeps ${VAR} references, and is readable by the owner only', async () => {
    await savePlan();
    const text = d.read('plan.json');
    expectNoSecrets(text);
    expect(text).toContain('${API_SECRET}');
    expect(text).toContain('${SIEM_TOKEN}');
    expect(statSync(d.path('plan.json')).mode & 0o777).toBe(0o600);
    expectNoSecrets(t.transcript.join('\n'));
  });

  it('an update plan refuses to apply when its object changed in the tenant, naming it, with zero writes', async () => {
    await applyNow();
    d.write('tenant.yaml', CONFIG.replace('The first description.', 'The second description.'));
    const file = await savePlan();
    const saved = JSON.parse(d.read('plan.json'));
    expect(saved.changes.map((c: { address: string }) => c.address)).toEqual(['clients.Web App']);
    expect(saved.changes[0].fingerprint).toMatch(/\S/);

    // Someone changes the same client in the dashboard in between (another field).
    const clients = await t.api<{ client_id: string; name: string }[]>('GET', '/clients');
    const web = clients.find((c) => c.name === 'Web App')!;
    await t.api('PATCH', `/clients/${web.client_id}`, { callbacks: ['https://app.example/other'] });

    const before = t.writes().length;
    const result = await t.run(['apply', file], SECRETS);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('clients.Web App');
    expect(result.stderr).toMatch(/changed/);
    expect(t.writes().slice(before)).toEqual([]);
    const now = await t.api<{ description: string; callbacks: string[] }>('GET', `/clients/${web.client_id}`);
    expect(now.description).toBe('The first description.');
  });

  it('a create plan refuses when the object appeared in the tenant meanwhile (changed through the store)', async () => {
    const file = await savePlan();
    // The emulator's store, directly: a client named like the planned one.
    const clients = t.emulator.store.collection('/clients');
    clients.set('sneaky_id_0001', {
      client_id: 'sneaky_id_0001',
      name: 'Worker',
      app_type: 'non_interactive',
    } as never);
    const before = t.writes().length;
    const result = await t.run(['apply', file], SECRETS);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('clients.Worker');
    expect(result.stderr).toMatch(/now exists/);
    expect(t.writes().slice(before)).toEqual([]);
  });

  it('a delete plan refuses when the object it would delete was changed', async () => {
    await applyNow();
    d.write(
      'tenant.yaml',
      `${CONFIG.replace(/\nlog_streams:[\s\S]*$/, '\n')}tenantform: { allow_delete: [log_streams] }\n`,
    );
    const file = await savePlan();
    const saved = JSON.parse(d.read('plan.json'));
    expect(saved.changes.map((c: { action: string; address: string }) => `${c.action} ${c.address}`)).toEqual(
      ['delete log_streams.SIEM'],
    );
    const streams = await t.api<{ id: string; name: string }[]>('GET', '/log-streams');
    const siem = streams.find((s) => s.name === 'SIEM')!;
    await t.api('PATCH', `/log-streams/${siem.id}`, { status: 'paused' });
    const before = t.writes().length;
    const result = await t.run(['apply', file], SECRETS);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('log_streams.SIEM');
    expect(t.writes().slice(before)).toEqual([]);
  });

  it('refuses a plan made for another tenant (AUTH0_DOMAIN)', async () => {
    const file = await savePlan();
    const other = await startHarness();
    try {
      const before = other.writes().length;
      const result = await other.run(['apply', file], SECRETS);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(t.env.AUTH0_DOMAIN);
      expect(result.stderr).toContain(other.env.AUTH0_DOMAIN);
      expect(other.writes().slice(before)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('accepts the same tenant written another way (trailing slash, /api/v2)', async () => {
    const file = await savePlan();
    const result = await t.run(['apply', file], {
      ...SECRETS,
      AUTH0_DOMAIN: `${t.env.AUTH0_DOMAIN}/api/v2/`,
    });
    expect(result.code, result.stderr).toBe(0);
  });

  it('applies an empty saved plan with no write', async () => {
    await applyNow();
    const file = await savePlan();
    expect(JSON.parse(d.read('plan.json')).changes).toEqual([]);
    const before = t.writes().length;
    const result = await t.run(['apply', file], SECRETS);
    expect(result.code, result.stderr).toBe(0);
    expect(t.writes().slice(before)).toEqual([]);
  });

  it('fails clearly, before any write, when a secret variable is missing at apply time', async () => {
    const file = await savePlan();
    const before = t.writes().length;
    const result = await t.run(['apply', file], { SIEM_TOKEN });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('API_SECRET');
    expect(result.stderr).toContain('resource_servers.https://orders.example/api');
    expect(t.writes().slice(before)).toEqual([]);
  });

  it('refuses a file that is not a plan, or of another format version, with zero writes', async () => {
    const file = await savePlan();
    const saved = JSON.parse(d.read('plan.json'));
    const cases: [string, RegExp][] = [
      ['{ not json', /is not JSON/],
      [JSON.stringify({ ...saved, kind: 'plan' }), /not a tenantform plan file/],
      [JSON.stringify({ ...saved, formatVersion: 2 }), /format version 2; this tenantform reads version 1/],
    ];
    for (const [text, message] of cases) {
      d.write('plan.json', text);
      const before = t.writes().length;
      const result = await t.run(['apply', file], SECRETS);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(t.writes().slice(before)).toEqual([]);
    }
  });

  it('a secret written literally in config is refused alike by validate, plan, plan --out and apply, at file:line', async () => {
    d.write('tenant.yaml', CONFIG.replace('${API_SECRET}', API_SECRET));
    const before = t.writes().length;
    for (const args of [
      ['validate', ...config()],
      ['plan', ...config()],
      ['plan', ...config(), '--out', d.path('plan.json')],
      ['apply', ...config(), '--auto-approve'],
    ]) {
      const result = await t.run(args, SECRETS);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr).toMatch(/tenant\.yaml:\d+:\d+/);
      expect(result.stderr).toContain('signing_secret');
      expect(result.stderr).toContain('is a secret written literally: write it as ${VAR}');
      expect(result.stderr).not.toContain(API_SECRET);
    }
    expect(d.files()).not.toContain('plan.json');
    expect(t.writes().slice(before)).toEqual([]);
  });

  it('a saved update never sends an ignored nested field: the tenant keeps its value', async () => {
    const withConnection = (policy: string, brute: boolean) =>
      `${CONFIG}
connections:
  - name: shop-users
    strategy: auth0
    options:
      passwordPolicy: ${policy}
      brute_force_protection: ${brute}

tenantform:
  ignore:
    connections: [options.passwordPolicy]
`;
    d.write('tenant.yaml', withConnection('good', true));
    await applyNow();
    // The security team raises the policy in the dashboard; the config says ignore it.
    const connections = await t.api<{ id: string; name: string; options: Record<string, unknown> }[]>(
      'GET',
      '/connections',
    );
    const shop = connections.find((c) => c.name === 'shop-users')!;
    await t.api('PATCH', `/connections/${shop.id}`, {
      options: { ...shop.options, passwordPolicy: 'excellent' },
    });
    expect((await planJson(t, config(), SECRETS)).changes).toEqual([]);

    // Another option of the same object changes, through a saved plan.
    d.write('tenant.yaml', withConnection('good', false));
    const file = await savePlan();
    const saved = JSON.parse(d.read('plan.json'));
    expect(saved.changes.map((c: { address: string }) => c.address)).toEqual(['connections.shop-users']);
    expect(saved.changes[0].fields.map((f: { path: string }) => f.path)).toEqual([
      'options.brute_force_protection',
    ]);
    const applied = await t.run(['apply', file], SECRETS);
    expect(applied.code, applied.stderr).toBe(0);
    const now = await t.api<{ options: Record<string, unknown> }>('GET', `/connections/${shop.id}`);
    expect(now.options.brute_force_protection).toBe(false);
    expect(now.options.passwordPolicy).toBe('excellent');
  });

  it('an action with a secret, bound to a trigger, applies from a saved plan; a replace too', async () => {
    const ACTION_SECRET = 'sv-action-secret-1f5b8d2e6a0c9374';
    d.write('actions/hello.js', 'exports.onExecutePostLogin = async () => {};\n');
    const withAction = (strategy: string) => `${CONFIG}
actions:
  - name: hello
    runtime: node22
    code: !file actions/hello.js
    supported_triggers: [{ id: post-login, version: v3 }]
    secrets:
      - { name: API_KEY, value: '\${ACTION_SECRET}' }
triggers:
  post-login: [hello]
connections:
  - name: partners
    strategy: ${strategy}
`;
    const env = { ...SECRETS, ACTION_SECRET };
    d.write('tenant.yaml', withAction('auth0'));
    let file = await savePlan(env);
    expect(d.read('plan.json')).not.toContain(ACTION_SECRET);
    expect(
      JSON.parse(d.read('plan.json')).changes.find((c: { address: string }) => c.address === 'actions.hello')
        .secretRefs,
    ).toEqual(['secrets.0.value']);
    let applied = await t.run(['apply', file], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await planJson(t, config(), env)).changes).toEqual([]);
    const actions = await t.api<{ actions: { name: string; secrets: { name: string; value?: string }[] }[] }>(
      'GET',
      '/actions/actions',
    );
    expect(actions.actions.find((a) => a.name === 'hello')?.secrets.map((x) => x.name)).toEqual(['API_KEY']);
    // The value reached the tenant (the API never returns it; the emulator's store has it).
    const stored = [...t.emulator.store.collection('/actions/actions').values()] as {
      name: string;
      secrets?: { name: string; value?: string }[];
    }[];
    expect(stored.find((a) => a.name === 'hello')?.secrets).toEqual([
      expect.objectContaining({ name: 'API_KEY', value: ACTION_SECRET }),
    ]);
    const bindings = await t.api<{ bindings: { action: { name: string } }[] }>(
      'GET',
      '/actions/triggers/post-login/bindings',
    );
    expect(bindings.bindings.map((b) => b.action.name)).toEqual(['hello']);

    // The strategy cannot change in place: a replace, saved and applied as planned.
    d.write('tenant.yaml', withAction('google-oauth2'));
    file = await savePlan(env);
    const saved = JSON.parse(d.read('plan.json'));
    expect(saved.changes.map((c: { action: string; address: string }) => `${c.action} ${c.address}`)).toEqual(
      ['replace connections.partners'],
    );
    applied = await t.run(['apply', file], env);
    expect(applied.code, applied.stderr).toBe(0);
    expect((await planJson(t, config(), env)).changes).toEqual([]);
    expect(t.transcript.join('\n')).not.toContain(ACTION_SECRET);
  });
});

describe('a secret read with !file', () => {
  const FILE_SECRET = 'sv-file-signing-8e3b1d7c5a9f2046';
  const fromFile = () => {
    d.write('secrets/orders-signing.txt', FILE_SECRET);
    d.write('tenant.yaml', CONFIG.replace('${API_SECRET}', '!file secrets/orders-signing.txt'));
  };
  const signingSecret = async () =>
    (await t.api<{ identifier: string; signing_secret?: string }[]>('GET', '/resource-servers')).find(
      (s) => s.identifier === 'https://orders.example/api',
    )?.signing_secret;

  it('is saved as a reference to its file and read from it again by apply, like every other command', async () => {
    fromFile();
    for (const command of ['validate', 'plan'])
      expect((await t.run([command, ...config()], SECRETS)).code, command).toBe(0);
    const file = await savePlan();
    const text = d.read('plan.json');
    expect(text).not.toContain(FILE_SECRET);
    const saved = JSON.parse(text);
    const server = saved.changes.find(
      (c: { address: string }) => c.address === 'resource_servers.https://orders.example/api',
    );
    expect(server.secretFiles).toEqual({ signing_secret: 'secrets/orders-signing.txt' });
    expect(server.config.signing_secret).toBe('!file secrets/orders-signing.txt');
    expect(saved.configDir).toBeDefined();

    const applied = await t.run(['apply', file], SECRETS);
    expect(applied.code, applied.stderr).toBe(0);
    expect(await signingSecret()).toBe(FILE_SECRET);
    for (const line of t.transcript) expect(line).not.toContain(FILE_SECRET);
  });

  it('is read from the config apply names with -c; without the file, apply refuses before any write', async () => {
    fromFile();
    const file = await savePlan();
    // The plan is applied from another checkout: the file is not where the plan was made.
    const elsewhere = tempDir({
      'tenant.yaml': d.read('tenant.yaml'),
      'secrets/orders-signing.txt': FILE_SECRET,
    });
    const plan = elsewhere.write('plan.json', readFileSync(file, 'utf8'));
    d.remove();
    try {
      const before = t.writes().length;
      const refused = await t.run(['apply', plan], SECRETS);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'resource_servers.https://orders.example/api: signing_secret is read from secrets/orders-signing.txt',
      );
      expect(refused.stderr).toContain('no such file');
      expect(t.writes().slice(before)).toEqual([]);

      const applied = await t.run(['apply', plan, '-c', elsewhere.path('tenant.yaml')], SECRETS);
      expect(applied.code, applied.stderr).toBe(0);
      expect(await signingSecret()).toBe(FILE_SECRET);
    } finally {
      elsewhere.remove();
    }
  });
});
