import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/planner/model.ts';
import { planChanges } from '../src/planner/plan.ts';
import { PLAN_JSON_FORMAT_VERSION, planToJson, renderPlanJson } from '../src/planner/render-json.ts';
import { renderPlanMarkdown } from '../src/planner/render-markdown.ts';
import { renderPlanText } from '../src/planner/render-text.ts';
import { adapters, have, want } from './planner-fakes.ts';

const SECRETS = ['create-s3cr3t', 'new-s3cr3t', 'old-s3cr3t', 'action-s3cr3t', 'old-action-s3cr3t'];

function samplePlan(): Plan {
  return planChanges({
    adapters,
    desired: [
      want('clients', 'My SPA', { name: 'My SPA', callbacks: ['https://a'], client_secret: 'create-s3cr3t' }),
      want('clients', 'M2M', { name: 'M2M', callbacks: ['x', 'y'], client_secret: 'new-s3cr3t' }),
      want('clients', 'Same', { name: 'Same' }),
      want('resource_servers', 'api', { identifier: 'api', signing_alg_frozen: 'RS256' }),
      want('actions', 'hook', { name: 'hook', secrets: [{ name: 'KEY', value: 'action-s3cr3t' }] }),
      want('client_grants', 'My SPA/api', { client: 'My SPA', audience: 'api' }),
    ],
    live: [
      have('clients', 'M2M', { name: 'M2M', callbacks: ['x'], client_secret: 'old-s3cr3t' }),
      have('clients', 'Same', { name: 'Same' }),
      have('clients', 'Stray | pipe', { name: 'Stray | pipe' }),
      have('resource_servers', 'api', { identifier: 'api', signing_alg_frozen: 'HS256' }),
      have('actions', 'hook', { name: 'hook', secrets: [{ name: 'OLD', value: 'old-action-s3cr3t' }] }),
      have('log_streams', 'old', { name: 'old' }),
    ],
    allowDelete: new Set(['actions']),
  });
}

describe('text renderer', () => {
  it('prints the summary line exactly', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('clients', 'A', { name: 'A' }),
        want('clients', 'B', { name: 'B' }),
        want('clients', 'C', { name: 'C' }),
        want('clients', 'D', { name: 'D', logo: 'new' }),
        want('clients', 'E', { name: 'E', logo: 'new' }),
        want('clients', 'F', { name: 'F' }),
      ],
      live: [
        have('clients', 'D', { name: 'D', logo: 'old' }),
        have('clients', 'E', { name: 'E' }),
        have('clients', 'F', { name: 'F' }),
      ],
    });
    const text = renderPlanText(plan, { color: false });
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Plan: 3 to create, 2 to update, 0 to delete, 1 unchanged.',
    );
  });

  it('draws each change like Terraform and counts replaces as create and delete', () => {
    const text = renderPlanText(samplePlan(), { color: false });
    expect(text).toContain('  # clients.My SPA will be created\n  + clients.My SPA\n');
    expect(text).toContain('      + callbacks = ["https://a"]');
    expect(text).toContain('      + client_secret = (sensitive)');
    expect(text).toContain(
      '  ~ clients.M2M\n      ~ callbacks: ["x"] → ["x","y"]\n      ~ client_secret: (sensitive)\n',
    );
    expect(text).toContain(
      '  # resource_servers.api must be replaced (signing_alg_frozen cannot be changed in place)\n-/+ resource_servers.api\n' +
        '      ~ signing_alg_frozen: "HS256" → "RS256" # forces replacement',
    );
    expect(text).toContain('Plan: 3 to create, 2 to update, 1 to replace, 1 to delete, 1 unchanged.');
    expect(text).toContain(
      '2 objects in the tenant are not in the config and left alone (clients: 1, log_streams: 1); use --allow-delete to delete them.',
    );
    expect(text).not.toContain('\u001b[');
  });

  it('uses ANSI colours unless told not to', () => {
    expect(renderPlanText(samplePlan())).toContain('\u001b[32m');
  });

  it('says so when nothing changes, and words drift differently', () => {
    const empty: Plan = { changes: [], unchanged: { clients: 4 }, unmanaged: [] };
    expect(renderPlanText(empty, { color: false })).toBe(
      'No changes. The tenant matches the config (4 unchanged).\n',
    );
    const drift = renderPlanText(samplePlan(), { color: false, kind: 'drift' });
    expect(drift).toContain('# clients.My SPA is missing from the tenant');
    expect(drift).toContain(
      'Drift: 5 objects differ from the config (2 missing, 3 changed, 0 not in config), 1 in sync.',
    );
  });
});

describe('JSON renderer', () => {
  it('is versioned and lists changes with fields, dependencies and fingerprints', () => {
    const json = JSON.parse(renderPlanJson(samplePlan()));
    expect(json.formatVersion).toBe(PLAN_JSON_FORMAT_VERSION);
    expect(json.kind).toBe('plan');
    expect(json.summary).toEqual({ create: 2, update: 2, replace: 1, delete: 0, unchanged: 1, unmanaged: 2 });
    const grant = json.changes.find((c: { address: string }) => c.address === 'client_grants.My SPA/api');
    expect(grant).toMatchObject({ action: 'create', dependsOn: ['clients.My SPA', 'resource_servers.api'] });
    const m2m = json.changes.find((c: { address: string }) => c.address === 'clients.M2M');
    expect(m2m.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(m2m.fields).toContainEqual({
      path: 'client_secret',
      before: '(sensitive)',
      after: '(sensitive)',
      sensitive: true,
    });
    expect(json.unmanaged).toContainEqual({ address: 'log_streams.old', type: 'log_streams', key: 'old' });
  });

  it('masks sensitive fields even when a plan carries their values', () => {
    const plan: Plan = {
      changes: [
        {
          address: 'clients.A',
          type: 'clients',
          key: 'A',
          action: 'update',
          fields: [{ path: 'client_secret', before: 'raw-s3cr3t', after: 'raw-s3cr3t2', sensitive: true }],
          changed: ['client_secret'],
          desired: { client_secret: 'raw-s3cr3t2' },
          dependsOn: [],
        },
      ],
      unchanged: {},
      unmanaged: [],
    };
    expect(renderPlanJson(plan)).not.toContain('raw-s3cr3t');
    expect(planToJson(plan).changes[0]!.fields[0]).toEqual({
      path: 'client_secret',
      before: '(sensitive)',
      after: '(sensitive)',
      sensitive: true,
    });
  });
});

describe('Markdown renderer', () => {
  it('has a summary, a table by type, then collapsible details per type', () => {
    const md = renderPlanMarkdown(samplePlan());
    const lines = md.split('\n');
    expect(lines[0]).toBe('### tenantform plan');
    expect(md).toContain('**Plan: 3 to create, 2 to update, 1 to replace, 1 to delete, 1 unchanged.**');
    expect(md).toContain('| Type | Create | Update | Replace | Delete | Unchanged | Unmanaged |');
    expect(md).toContain('| `clients` | 1 | 1 | 0 | 0 | 1 | 1 |');
    expect(md).toContain('| `resource_servers` | 0 | 0 | 1 | 0 | 0 | 0 |');
    expect(md).toContain('<summary><code>clients</code>: 1 to create, 1 to update</summary>');
    expect(md).toContain('- `clients.Stray \\| pipe`');
    expect(md.indexOf('| Type |')).toBeLessThan(md.indexOf('<details>'));
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    expect(md).toContain('```diff\n+ client_grants.My SPA/api: will be created');
  });

  it('puts code fences around action code that holds backticks', () => {
    const plan = planChanges({
      adapters,
      desired: [want('actions', 'x', { name: 'x', note: 'uses ```js``` fences' })],
      live: [],
    });
    expect(renderPlanMarkdown(plan)).toContain('````diff');
  });
});

describe('no secret value in any format', () => {
  it('text, JSON and Markdown, plan and drift', () => {
    const plan = samplePlan();
    const outputs = [
      renderPlanText(plan),
      renderPlanText(plan, { color: false, kind: 'drift' }),
      renderPlanJson(plan),
      renderPlanJson(plan, 'drift'),
      renderPlanMarkdown(plan),
      renderPlanMarkdown(plan, { kind: 'drift' }),
    ];
    for (const output of outputs) for (const secret of SECRETS) expect(output).not.toContain(secret);
  });
});

describe('multi-line text (action code)', () => {
  const before = [
    'exports.onExecutePostLogin = async (event, api) => {',
    '  const a = 1;',
    '  const b = 2;',
    '  const c = 3;',
    '  const d = 4;',
    '  api.access.deny("no");',
    '};',
  ].join('\n');
  const after = before.replace('api.access.deny("no");', 'api.access.deny("nope");');
  const plan = planChanges({
    adapters,
    desired: [want('actions', 'hook', { name: 'hook', code: after })],
    live: [have('actions', 'hook', { name: 'hook', code: before })],
  });

  it('is shown as a line diff with context in text', () => {
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('      ~ code: (text, 7 lines) → (text, 7 lines)\n');
    expect(text).toContain(
      [
        '          …',
        '              const c = 3;',
        '              const d = 4;',
        '          -   api.access.deny("no");',
        '          +   api.access.deny("nope");',
        '            };',
      ].join('\n'),
    );
    expect(text).not.toContain('const a = 1');
  });

  it('is shown as a line diff in Markdown', () => {
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('-           api.access.deny("no");\n+           api.access.deny("nope");');
  });
});
