// Write-only secrets (an action's secret values, a resource server's signing secret, an email
// provider's credentials): the API takes them and never shows them again, so comparing config
// with the tenant cannot tell whether one changed. The tenant holds a digest of each value
// tenantform last wrote (src/apply/secret-digests.ts); the plan compares config's value with
// that digest. A secret with no digest (written by someone else, or before tenantform
// recorded digests) is reported as untracked and written only when the user asks (--rotate).

import { forEachMatch, joinPath, type PathSegment, parsePattern, valueAt } from '../core/field-paths.ts';
import type { ConfigObject } from '../core/json.ts';
import { isPlainObject } from '../core/json.ts';
import type { Address, FieldChange, PlannerAdapter } from './model.ts';
import { SENSITIVE } from './diff.ts';

/** What the plan knows of the tenant's digests, and how to make one. */
export interface WriteOnlyDigests {
  /** The digest of the value tenantform last wrote at this slot, if it recorded one. */
  recorded(address: Address, slot: string): string | undefined;
  digestOf(address: Address, slot: string, value: string): string;
}

/** One write-only secret in a config object: where it is, and a name for it that survives reordering. */
export interface WriteOnlySlot {
  path: PathSegment[];
  /** `secrets[API_KEY].value`: array elements named by their key field, not their index. */
  slot: string;
  value: string;
}

/** The adapter facts write-only handling needs. */
export type WriteOnlyFacts = Pick<PlannerAdapter, 'writeOnlyPaths' | 'elementKeys'>;

export function writeOnlySlots(config: ConfigObject, facts: WriteOnlyFacts): WriteOnlySlot[] {
  const slots: WriteOnlySlot[] = [];
  for (const pattern of facts.writeOnlyPaths ?? []) {
    forEachMatch(config, parsePattern(pattern), (_container, _key, path) => {
      const value = valueAt(config, path);
      if (value === undefined || value === null) return;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      slots.push({ path: [...path], slot: slotName(config, path, facts.elementKeys ?? {}), value: text });
    });
  }
  return slots;
}

/**
 * A slot's name: the path, with each array index replaced by the element's key where the
 * type declares one (`secrets[API_KEY]`), so adding a secret before another keeps both digests.
 */
export function slotName(
  config: ConfigObject,
  path: readonly PathSegment[],
  elementKeys: Readonly<Record<string, readonly string[]>>,
): string {
  let name = '';
  const pattern: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as PathSegment;
    if (typeof segment === 'number') {
      const element = valueAt(config, path.slice(0, i + 1));
      const keys = elementKeys[pattern.join('.')] ?? [];
      const id = isPlainObject(element)
        ? keys.map((k) => element[k]).find((v) => typeof v === 'string' || typeof v === 'number')
        : undefined;
      name += `[${id ?? segment}]`;
      pattern.push('*');
    } else {
      name += name === '' ? segment : `.${segment}`;
      pattern.push(segment);
    }
  }
  return name;
}

export type WriteOnlyStatus = 'same' | 'changed' | 'untracked';

export function statusOf(address: Address, slot: WriteOnlySlot, digests: WriteOnlyDigests): WriteOnlyStatus {
  const recorded = digests.recorded(address, slot.slot);
  if (recorded === undefined) return 'untracked';
  return recorded === digests.digestOf(address, slot.slot, slot.value) ? 'same' : 'changed';
}

/** How a secret write is described in the plan, after `(sensitive`. */
export const SECRET_WRITE = {
  changed: 'changed in config',
  rotated: 'written: --rotate',
  firstWrite: 'written: the API cannot read it back, and tenantform has not written it yet',
  resent: 'sent again, unchanged',
  untrackedResent: 'sent again; not tracked before',
} as const;

export function secretWriteField(slot: Pick<WriteOnlySlot, 'path' | 'slot'>, reason: string): FieldChange {
  const path = joinPath(slot.path);
  return {
    path,
    ...(slot.slot !== path && { label: slot.slot }),
    before: SENSITIVE,
    after: SENSITIVE,
    sensitive: true,
    secretWrite: reason,
  };
}
