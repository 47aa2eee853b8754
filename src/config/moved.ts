// `tenantform.moved`: renames declared in config, so that changing an object's natural key
// is an update of the tenant's object (its id kept) instead of a delete and a create. What
// can be checked from config alone is checked here; whether the tenant has the old key,
// the new one or both is known once the tenant is read (resources/live-state.ts).

import type { ResourceAdapter } from '../resources/contract.ts';
import type { ConfigProblem } from './problems.ts';
import type { LoadedObject, MovedEntry } from './types.ts';

/** Renames by type: old key → new key. */
export type Renames = Map<string, Map<string, string>>;

export function renamesOf(moved: readonly MovedEntry[] | undefined): Renames {
  const renames: Renames = new Map();
  for (const { type, from, to } of moved ?? []) {
    if (!renames.has(type)) renames.set(type, new Map());
    renames.get(type)!.set(from, to);
  }
  return renames;
}

/** Problems with the entries themselves, each at the entry. */
export function checkMoved(
  moved: readonly MovedEntry[] | undefined,
  byType: ReadonlyMap<string, ReadonlyMap<string, LoadedObject>>,
  adapters: ReadonlyMap<string, ResourceAdapter>,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const problem = (entry: MovedEntry, message: string) =>
    problems.push({ ...entry.at, message: `${entry.type}: "${entry.from}" → "${entry.to}": ${message}` });
  const entries = moved ?? [];
  for (const entry of entries) {
    const { type, from, to } = entry;
    const inConfig = byType.get(type);
    const same = entries.filter((e) => e.type === type);
    const refused = inPlaceRefusal(adapters.get(type)!);
    if (refused) problem(entry, refused);
    else if (from === to) problem(entry, 'the old and the new key are the same');
    else if (same.some((e) => e.from === from && e.to !== to))
      problem(entry, `"${from}" is moved twice, to different keys: keep one entry`);
    else if (same.some((e) => e.from !== from && e.to === to))
      problem(entry, `another entry moves an object to "${to}" too: one object can have one old key`);
    else if (same.some((e) => e.to === from || e.from === to))
      problem(
        entry,
        'moves are not chained: write each old key straight to the key config has now (old → newest), once',
      );
    else if (!inConfig?.has(to))
      problem(entry, `config has no ${type} "${to}": the new key must be an object the config defines`);
    else if (inConfig.has(from))
      problem(entry, `config still defines ${type} "${from}": remove it, or remove this entry`);
  }
  return problems;
}

/** Why objects of this type cannot take a new key in place, if they cannot (adapter facts only). */
function inPlaceRefusal(adapter: ResourceAdapter): string | undefined {
  if (adapter.renamable) return undefined;
  const fields = adapter.keyFields ?? [];
  const [field] = fields;
  const why =
    adapter.section !== 'list' || fields.length === 0
      ? 'its key is not a field'
      : fields.length > 1
        ? `its key is made of ${fields.join(' + ')}`
        : adapter.immutableFields.includes(field as string)
          ? `${field} cannot be changed once the object exists`
          : `the API does not change ${field} in place, or it names another object`;
  return `${adapter.type} cannot be renamed in place (${why}): a new key is a new object`;
}
