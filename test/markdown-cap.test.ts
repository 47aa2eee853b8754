// The Markdown plan fits a pull-request comment: the bench's generated ~500-object tenant,
// planned against a fresh emulator, renders 250k characters uncapped; capped, it keeps the
// summary and the table whole, then details until GitHub's 65,536 limit, then says what was
// left out and where the full plan is.

import { describe, expect, it } from 'vitest';
import { generateTenant, writeTenant } from '../bench/generate-tenant.ts';
import type { Plan } from '../src/planner/model.ts';
import { COMMENT_LIMIT, renderPlanMarkdown } from '../src/planner/render-markdown.ts';
import { type TempDir, tempDir, withExampleTenant } from './fixtures/tenant-harness.ts';

const t = withExampleTenant();

describe('a large plan as a pull-request comment', () => {
  let dir: TempDir;

  it('is capped at the comment limit, with the summary and table first and a closing line', async () => {
    dir = tempDir();
    writeTenant(dir.path('tenant'), generateTenant());
    // The bench's config writes action secrets literally, so it cannot be saved with --out.
    const result = await t.h.run(['plan', '-c', dir.path('tenant'), '--format', 'markdown']);
    expect(result.code, result.stderr).toBe(0);
    const md = result.stdout.replace(/\n$/, '');
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(COMMENT_LIMIT - 5_000); // filled, not cut short

    // Summary counts: a replace is in both "to create" and "to delete".
    const count = (what: string) => Number(new RegExp(`(\\d+) to ${what}`).exec(md)?.[1] ?? 0);
    const total = count('create') + count('update') + count('delete') - count('replace');
    expect(total).toBeGreaterThan(450);
    const [head] = md.split('<details>');
    expect(head).toMatch(/^### tenantform plan\n\n\*\*Plan: \d+ to create/);
    for (const type of ['clients', 'resource_servers', 'roles', 'actions'])
      expect(head).toContain(`| \`${type}\` |`);

    const closing = md.trim().split('\n').at(-1)!;
    const leftOut = /^\*\*Left out:\*\* the details of (\d+) of (\d+) changes/.exec(closing);
    expect(leftOut, closing).not.toBeNull();
    expect(Number(leftOut![2])).toBe(total);
    expect(closing).toContain('The full plan: `tenantform plan` prints it as text.');
    // Every change shown or counted as left out: the headers in the diff blocks plus the cut.
    const shown = (md.match(/^[+\-!] \S+\.[^\n]*: will be /gm) ?? []).length;
    expect(shown + Number(leftOut![1])).toBe(total);
    // Sections stay well-formed where the cut falls.
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    expect((md.match(/^```/gm) ?? []).length % 2).toBe(0);
    dir.remove();
  });

  it('a plan under the limit is rendered whole, with no closing line', () => {
    const plan: Plan = {
      changes: [
        {
          address: 'roles.Reader',
          type: 'roles',
          key: 'Reader',
          action: 'create',
          fields: [{ path: 'name', after: 'Reader' }],
          changed: ['name'],
          dependsOn: [],
        },
      ],
      unchanged: {},
      unmanaged: [{ type: 'clients', key: 'Default App' }],
    };
    const md = renderPlanMarkdown(plan);
    expect(md).toContain('+ roles.Reader: will be created');
    expect(md).toContain('- `clients.Default App`');
    expect(md).not.toContain('Left out');
    const tight = renderPlanMarkdown(plan, { maxLength: 700, fullPlan: 'in the plan artifact' });
    expect(tight.length).toBeLessThanOrEqual(700);
    expect(tight).toContain('| `roles` |');
    expect(tight).toContain(
      '**Left out:** the details of 1 of 1 changes and the list of 1 unmanaged objects, to keep this under 700 characters (the table above counts everything). The full plan: in the plan artifact.',
    );
  });
});
