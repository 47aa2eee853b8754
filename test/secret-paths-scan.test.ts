// Every secret path every type declares, not only those its conformance fixture holds (one
// object holds one connection strategy, one log-stream sink): each is seeded with a
// distinctive value in the type's fixture object, and no plan (create and update, in text,
// JSON and Markdown), saved plan or export made from it holds the value. Pure: the
// conformance suite proves the same over HTTP for the paths its fixtures hold.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  forEachMatch,
  type PathSegment,
  parsePattern,
  SECRET_NAME_SEGMENT,
} from '../src/core/field-paths.ts';
import { type ConfigObject, isPlainObject, type Json } from '../src/core/json.ts';
import { exportTenant } from '../src/export/export-tenant.ts';
import { planChanges } from '../src/planner/plan.ts';
import { renderPlanJson } from '../src/planner/render-json.ts';
import { renderPlanMarkdown } from '../src/planner/render-markdown.ts';
import { renderPlanText } from '../src/planner/render-text.ts';
import { toSavedPlan } from '../src/planner/saved-plan.ts';
import { adapters } from '../src/resources/index.ts';
import type { ResourceAdapter } from '../src/resources/contract.ts';
import { FIXTURES } from './conformance/fixtures.ts';

const schema = JSON.parse(
  readFileSync(new URL('../schemas/tenantform.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** Sets a value at every place a pattern names, creating what is missing (`*`: index 0 of an array, else a key). */
function seed(root: ConfigObject, pattern: readonly string[], value: string): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = root;
  const segments = pattern.filter((s) => s !== '**');
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const container = node as Record<string, unknown> | unknown[];
    let key: PathSegment = segment;
    if (segment === '*') key = Array.isArray(container) ? 0 : 'SEEDED';
    if (Array.isArray(container) && typeof key === 'number' && container.length === 0) container.push({});
    const record = container as Record<PathSegment, unknown>;
    if (last) record[key] = value;
    else if (!isPlainObject(record[key]) && !Array.isArray(record[key])) {
      // The next segment says whether this is a list (a `*` over elements is taken as a map key).
      record[key] = {};
    }
    path.push(key);
    node = record[key];
  });
  return path;
}

const declared = (adapter: ResourceAdapter) =>
  adapter.secretPaths.filter((p) => !p.startsWith(`**.${SECRET_NAME_SEGMENT}`));

describe('every declared secret path is masked in plans, saved plans and exports', () => {
  const types = adapters.filter((a) => declared(a).length > 0 && FIXTURES[a.type]);
  it('covers the types that declare secrets', () => {
    expect(types.length).toBeGreaterThan(10);
    expect(adapters.filter((a) => declared(a).length > 0 && !FIXTURES[a.type]).map((a) => a.type)).toEqual(
      [],
    );
  });

  for (const adapter of types) {
    it(adapter.type, () => {
      const fixture = FIXTURES[adapter.type]!;
      const wrap = (o: Json): ConfigObject =>
        adapter.mapValueField ? { [adapter.mapValueField]: o } : (structuredClone(o) as ConfigObject);
      const desired = wrap(fixture.object);
      const live = wrap(fixture.object);
      const marks: string[] = [];
      const templates: Record<string, string> = {};
      declared(adapter).forEach((pattern, n) => {
        const mark = `scan-${adapter.type}-${n}-desired-7c1f`;
        const path = seed(desired, parsePattern(pattern), mark);
        seed(live, parsePattern(pattern), `scan-${adapter.type}-${n}-live-2b9e`);
        marks.push(mark, `scan-${adapter.type}-${n}-live-2b9e`);
        templates[path.join('.')] = `\${SCAN_${n}}`;
      });
      // Safety-net names below a seeded path are secrets too: their templates as well.
      forEachMatch(desired, parsePattern(`**.${SECRET_NAME_SEGMENT}`), (_c, _k, path) => {
        templates[path.join('.')] ??= '${SCAN_NAMED}';
      });
      const key = adapter.section === 'singleton' ? 'default' : adapter.keyOf(desired);
      const object = { type: adapter.type, key, config: adapter.normaliseDesired(desired) };
      const liveObject = {
        type: adapter.type,
        key,
        id: 'id-1',
        config: live,
        raw: live as Record<string, unknown>,
        system: false,
      };

      const created = planChanges({ adapters, desired: [object], live: [] });
      const updated = planChanges({ adapters, desired: [object], live: [liveObject] });
      const outputs: string[] = [];
      for (const plan of [created, updated]) {
        outputs.push(renderPlanText(plan), renderPlanJson(plan), renderPlanMarkdown(plan));
        const saved = toSavedPlan(
          plan,
          'tenant.example',
          () => ({ config: desired, secretTemplates: templates }),
          () => adapter,
        );
        outputs.push(JSON.stringify(saved));
      }
      const exported = exportTenant(
        { objects: new Map([[adapter.type, new Map([[key, { ...liveObject, config: live }]])]]) },
        [adapter],
        schema,
      );
      outputs.push(...exported.files.map((f) => f.content));

      expect(created.changes).toHaveLength(1);
      const everything = outputs.join('\n');
      for (const mark of marks) expect(everything, `${adapter.type}: ${mark}`).not.toContain(mark);
    });
  }
});
