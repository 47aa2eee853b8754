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
    expect(text).toContain('      + callbacks = [\n          + "https://a"\n        ]\n');
    expect(text).toContain('      + client_secret = (sensitive)');
    expect(text).toContain(
      '  ~ clients.M2M\n      ~ callbacks: [\n            # (1 unchanged element hidden)\n          + "y"\n        ]\n' +
        '      ~ client_secret: (sensitive)\n',
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

/**
 * The fakes with the element keys their types declare (a scope by its value, a permission by
 * API and name, a binding by action), roles, and a type with secrets nested in arrays that,
 * unlike action secrets, the tenant returns.
 */
const elementKeys: Record<string, Record<string, string[]>> = {
  resource_servers: { scopes: ['value'] },
  triggers: { bindings: ['action'] },
  actions: { secrets: ['name'] },
};
const nestedAdapters = [
  ...adapters.map((a) => ({ ...a, elementKeys: elementKeys[a.type] })),
  {
    type: 'roles',
    secretPaths: [],
    immutableFields: [],
    references: () => [],
    elementKeys: { permissions: ['resource_server', 'name'] },
  },
  {
    type: 'vaults',
    secretPaths: ['tokens.*.value', 'entries.*.secret'],
    immutableFields: [],
    references: () => [],
    elementKeys: { tokens: ['name'], entries: ['id'] },
  },
];

function nestedPlan(): Plan {
  return planChanges({
    adapters: nestedAdapters,
    desired: [
      want('log_streams', 'siem', {
        name: 'siem',
        sink: { httpEndpoint: 'https://siem', httpAuthorization: 'sink-s3cr3t', headers: { a: 1 } },
        filters: [],
      }),
      want('clients', 'SPA', {
        name: 'SPA',
        callbacks: ['https://a', 'https://b', 'https://c', 'https://new'],
      }),
      want('resource_servers', 'api', {
        identifier: 'api',
        scopes: [
          { value: 'admin', description: 'Admin' },
          { value: 'read', description: 'Read all' },
          { value: 'write', description: 'Write' },
          { value: 'new', description: 'New' },
        ],
      }),
      want('roles', 'admin', {
        name: 'admin',
        permissions: [
          { resource_server: 'api', name: 'read' },
          { resource_server: 'api', name: 'write' },
          { resource_server: 'other', name: 'read' },
        ],
      }),
      want('triggers', 'post-login', {
        bindings: [{ action: 'b', display_name: 'B' }],
        pairs: [
          { x: 1, y: 2 },
          { x: 2, y: 2 },
        ],
      }),
    ],
    live: [
      have('clients', 'SPA', {
        name: 'SPA',
        callbacks: ['https://a', 'https://old', 'https://b', 'https://c'],
      }),
      have('resource_servers', 'api', {
        identifier: 'api',
        scopes: [
          { value: 'admin', description: 'Admin' },
          { value: 'read', description: 'Read' },
          { value: 'write', description: 'Write' },
          { value: 'gone', description: 'Gone' },
        ],
      }),
      have('roles', 'admin', {
        name: 'admin',
        permissions: [
          { resource_server: 'api', name: 'read' },
          { resource_server: 'api', name: 'write' },
          { resource_server: 'api', name: 'delete' },
        ],
      }),
      have('triggers', 'post-login', {
        bindings: [{ action: 'b', display_name: 'b' }],
        pairs: [
          { x: 1, y: 2 },
          { x: 2, y: 3 },
        ],
      }),
    ],
  });
}

/** The block of one change in the text plan, from its `#` line to the blank line after it. */
function blockOf(text: string, address: string): string {
  const start = text.indexOf(`  # ${address} `);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf('\n\n', start) + 1);
}

describe('nested values, Terraform style', () => {
  const text = renderPlanText(nestedPlan(), { color: false });

  it('opens the objects and arrays of a created object into blocks, secrets masked', () => {
    expect(blockOf(text, 'log_streams.siem')).toBe(
      [
        '  # log_streams.siem will be created',
        '  + log_streams.siem',
        '      + filters = []',
        '      + name = "siem"',
        '      + sink = {',
        '          + httpEndpoint = "https://siem"',
        '          + httpAuthorization = (sensitive)',
        '          + headers = {',
        '              + a = 1',
        '            }',
        '        }',
        '',
      ].join('\n'),
    );
  });

  it('shows the elements added to and removed from an array of scalars, unchanged runs counted', () => {
    expect(blockOf(text, 'clients.SPA')).toBe(
      [
        '  # clients.SPA will be updated in place',
        '  ~ clients.SPA',
        '      ~ callbacks: [',
        '            # (1 unchanged element hidden)',
        '          - "https://old"',
        '            # (2 unchanged elements hidden)',
        '          + "https://new"',
        '        ]',
        '',
      ].join('\n'),
    );
  });

  it('matches the elements of an array of objects by value and shows what changed in each', () => {
    expect(blockOf(text, 'resource_servers.api')).toBe(
      [
        '  # resource_servers.api will be updated in place',
        '  ~ resource_servers.api',
        '      ~ scopes: [',
        '            # (1 unchanged element hidden)',
        '          ~ {',
        '                value: "read"',
        '              ~ description: "Read" → "Read all"',
        '            }',
        '            # (1 unchanged element hidden)',
        '          - {',
        '              - value: "gone"',
        '              - description: "Gone"',
        '            }',
        '          + {',
        '              + value: "new"',
        '              + description: "New"',
        '            }',
        '        ]',
        '',
      ].join('\n'),
    );
  });

  it('matches by resource_server and name together, and by action', () => {
    expect(blockOf(text, 'roles.admin')).toBe(
      [
        '  # roles.admin will be updated in place',
        '  ~ roles.admin',
        '      ~ permissions: [',
        '            # (2 unchanged elements hidden)',
        '          - {',
        '              - resource_server: "api"',
        '              - name: "delete"',
        '            }',
        '          + {',
        '              + resource_server: "other"',
        '              + name: "read"',
        '            }',
        '        ]',
        '',
      ].join('\n'),
    );
    expect(blockOf(text, 'triggers.post-login')).toContain(
      [
        '      ~ bindings: [',
        '          ~ {',
        '                action: "b"',
        '              ~ display_name: "b" → "B"',
        '            }',
        '        ]',
      ].join('\n'),
    );
  });

  it('shows a changed element without a natural key as the old one removed and the new one added', () => {
    expect(blockOf(text, 'triggers.post-login')).toContain(
      [
        '      ~ pairs: [',
        '            # (1 unchanged element hidden)',
        '          - {',
        '              - x: 2',
        '              - y: 3',
        '            }',
        '          + {',
        '              + x: 2',
        '              + y: 2',
        '            }',
        '        ]',
      ].join('\n'),
    );
  });

  it('keeps paths for a change inside a nested object', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('clients', 'C', { name: 'C', options: { passwordPolicy: 'excellent', mfa: { active: true } } }),
      ],
      live: [have('clients', 'C', { name: 'C', options: { passwordPolicy: 'good', mfa: { active: true } } })],
    });
    expect(renderPlanText(plan, { color: false })).toContain(
      '  ~ clients.C\n      ~ options.passwordPolicy: "good" → "excellent"\n\n',
    );
  });

  it('draws the same blocks in Markdown, + and - down to the closing bracket of a value shown whole', () => {
    const md = renderPlanMarkdown(nestedPlan());
    expect(md).toContain(
      [
        '+ log_streams.siem: will be created',
        '+     filters = []',
        '+     name = "siem"',
        '+     sink = {',
        '+         httpEndpoint = "https://siem"',
        '+         httpAuthorization = (sensitive)',
        '+         headers = {',
        '+             a = 1',
        '+         }',
        '+     }',
        '```',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '! resource_servers.api: will be updated in place',
        '!     scopes: [',
        '          # (1 unchanged element hidden)',
        '!         {',
        '              value: "read"',
        '!             description: "Read" → "Read all"',
        '          }',
        '          # (1 unchanged element hidden)',
        '-         {',
        '-             value: "gone"',
        '-             description: "Gone"',
        '-         }',
        '+         {',
        '+             value: "new"',
        '+             description: "New"',
        '+         }',
        '      ]',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '!     callbacks: [',
        '          # (1 unchanged element hidden)',
        '-         "https://old"',
        '          # (2 unchanged elements hidden)',
        '+         "https://new"',
        '      ]',
      ].join('\n'),
    );
  });

  it('colours the lines of a block in text', () => {
    const coloured = renderPlanText(nestedPlan());
    expect(coloured).toContain('          \u001b[31m-\u001b[0m "https://old"\n');
    expect(coloured).toContain('            \u001b[2m# (2 unchanged elements hidden)\u001b[0m\n');
  });
});

describe('secrets inside nested values', () => {
  const SECRET_MARK = 's3cr3t';

  /** Secrets in array elements, returned by the tenant, so they are compared (and masked). */
  function secretPlan(): Plan {
    return planChanges({
      adapters: nestedAdapters,
      desired: [
        want('actions', 'hook', {
          name: 'hook',
          secrets: [
            { name: 'KEY', value: 'key-new-s3cr3t', note: 'b' },
            { name: 'SAME', value: 'same-new-s3cr3t' },
            { name: 'ADDED', value: 'added-s3cr3t' },
          ],
        }),
        want('vaults', 'v', {
          tokens: [{ value: 'tok-new-s3cr3t' }],
          entries: [{ secret: 'entry-new-s3cr3t', label: 'kept' }],
        }),
        want('vaults', 'w', { entries: [{ secret: 'create-entry-s3cr3t', label: 'x' }] }),
      ],
      live: [
        have('actions', 'hook', {
          name: 'hook',
          secrets: [
            { name: 'KEY', value: 'key-old-s3cr3t', note: 'a' },
            { name: 'SAME', value: 'same-old-s3cr3t' },
            { name: 'GONE', value: 'gone-s3cr3t' },
          ],
        }),
        have('vaults', 'v', {
          tokens: [{ value: 'tok-old-s3cr3t' }],
          entries: [
            { secret: 'entry-old-s3cr3t', label: 'kept' },
            { secret: 'removed-s3cr3t', label: 'removed' },
          ],
        }),
      ],
    });
  }

  it('never prints a secret nested in an array element, in any format', () => {
    const plan = secretPlan();
    for (const output of [
      renderPlanText(plan),
      renderPlanText(plan, { color: false, kind: 'drift' }),
      renderPlanMarkdown(plan),
      renderPlanMarkdown(plan, { kind: 'drift' }),
      renderPlanJson(plan),
    ])
      expect(output).not.toContain(SECRET_MARK);
  });

  it('shows a masked secret in a changed element without calling it changed or unchanged', () => {
    const text = renderPlanText(secretPlan(), { color: false });
    expect(blockOf(text, 'actions.hook')).toBe(
      [
        '  # actions.hook will be updated in place',
        '  ~ actions.hook',
        '      ~ secrets: [',
        '          ~ {',
        '                name: "KEY"',
        '                value: (sensitive)',
        '              ~ note: "a" → "b"',
        '            }',
        '            {',
        '                name: "SAME"',
        '                value: (sensitive)',
        '            }',
        '          - {',
        '              - name: "GONE"',
        '              - value: (sensitive)',
        '            }',
        '          + {',
        '              + name: "ADDED"',
        '              + value: (sensitive)',
        '            }',
        '        ]',
        '',
      ].join('\n'),
    );
  });

  it('says (sensitive) for an array whose only difference is a secret, and masks created elements', () => {
    const text = renderPlanText(secretPlan(), { color: false });
    expect(blockOf(text, 'vaults.v')).toBe(
      [
        '  # vaults.v will be updated in place',
        '  ~ vaults.v',
        '      ~ entries: [',
        '            {',
        '                secret: (sensitive)',
        '                label: "kept"',
        '            }',
        '          - {',
        '              - secret: (sensitive)',
        '              - label: "removed"',
        '            }',
        '        ]',
        '      ~ tokens: (sensitive)',
        '',
      ].join('\n'),
    );
    expect(blockOf(text, 'vaults.w')).toContain('          + {\n              + secret = (sensitive)\n');
  });

  it('never opens a field marked sensitive, whatever its shape and even when it carries values', () => {
    const plan: Plan = {
      changes: [
        {
          address: 'vaults.raw',
          type: 'vaults',
          key: 'raw',
          action: 'update',
          fields: [
            {
              path: 'tokens',
              before: [{ value: 'raw-old-s3cr3t' }],
              after: [{ value: 'raw-new-s3cr3t' }, { value: 'raw-added-s3cr3t' }],
              sensitive: true,
            },
            { path: 'sink', after: { token: 'raw-obj-s3cr3t' }, sensitive: true },
          ],
          changed: ['tokens', 'sink'],
          dependsOn: [],
        },
        {
          address: 'vaults.new',
          type: 'vaults',
          key: 'new',
          action: 'create',
          fields: [{ path: 'tokens', after: [{ value: 'raw-create-s3cr3t' }], sensitive: true }],
          changed: ['tokens'],
          dependsOn: [],
        },
      ],
      unchanged: {},
      unmanaged: [],
    };
    const text = renderPlanText(plan, { color: false });
    expect(text).toContain('  ~ vaults.raw\n      ~ tokens: (sensitive)\n      + sink: (sensitive)\n\n');
    expect(text).toContain('  + vaults.new\n      + tokens = (sensitive)\n\n');
    for (const output of [text, renderPlanMarkdown(plan)]) expect(output).not.toContain(SECRET_MARK);
  });
});
