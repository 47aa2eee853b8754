// A type whose object a write of another type resets (the prompts settings after a branding
// PATCH): written again after that write in the same run, and only then.

import { describe, expect, it } from 'vitest';
import type { PlannerAdapter } from '../src/planner/model.ts';
import { planChanges } from '../src/planner/plan.ts';
import { have, want } from './planner-fakes.ts';

const singleton = (type: string, extra: Partial<PlannerAdapter> = {}): PlannerAdapter => ({
  type,
  section: 'singleton',
  secretPaths: [],
  immutableFields: [],
  references: () => [],
  ...extra,
});
const branding = singleton('branding');
const prompts = singleton('prompts', { dependsOnTypes: ['branding'], resetByTypes: ['branding'] });
const adapters = [prompts, branding];
const settings = { universal_login_experience: 'new', identifier_first: true };

describe('objects reset by another type', () => {
  it('are written again after a change of that type, which they wait for', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('branding', 'default', { logo_url: 'https://b.example/2.png' }),
        want('prompts', 'default', settings),
      ],
      live: [
        have('branding', 'default', { logo_url: 'https://b.example/1.png' }),
        have('prompts', 'default', settings),
      ],
    });
    expect(plan.changes.map((c) => c.address)).toEqual(['branding.default', 'prompts.default']);
    const again = plan.changes[1]!;
    expect(again).toMatchObject({
      action: 'update',
      fields: [],
      desired: settings,
      dependsOn: ['branding.default'],
    });
    expect(again.changed.sort()).toEqual(['identifier_first', 'universal_login_experience']);
    expect(again.note).toBe('written again: a change of branding resets it');
    expect(plan.unchanged).toEqual({});
  });

  it('are left alone when that type does not change, or is out of scope', () => {
    const desired = [
      want('branding', 'default', { logo_url: 'https://b.example/1.png' }),
      want('prompts', 'default', settings),
    ];
    const live = [
      have('branding', 'default', { logo_url: 'https://b.example/1.png' }),
      have('prompts', 'default', settings),
    ];
    expect(planChanges({ adapters, desired, live }).changes).toEqual([]);
    const changedBranding = [
      want('branding', 'default', { logo_url: 'https://b.example/2.png' }),
      desired[1]!,
    ];
    const onlyBranding = planChanges({ adapters, desired: changedBranding, live, only: ['branding'] });
    expect(onlyBranding.changes.map((c) => c.address)).toEqual(['branding.default']);
  });

  it('are written once when they change anyway', () => {
    const plan = planChanges({
      adapters,
      desired: [
        want('branding', 'default', { logo_url: 'https://b.example/2.png' }),
        want('prompts', 'default', { ...settings, identifier_first: false }),
      ],
      live: [
        have('branding', 'default', { logo_url: 'https://b.example/1.png' }),
        have('prompts', 'default', settings),
      ],
    });
    expect(plan.changes.map((c) => [c.address, c.fields.map((f) => f.path)])).toEqual([
      ['branding.default', ['logo_url']],
      ['prompts.default', ['identifier_first']],
    ]);
  });
});
