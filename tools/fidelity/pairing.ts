/** Keys that hold an object's id (`id`, `client_id`, `user_id`, …; an encryption key's `kid`). */
export function isIdKey(key: string): boolean {
  return key === 'id' || key.endsWith('_id') || key === 'kid' || key.endsWith('_kid');
}

/** Keys by which elements of a list are recognised when their ids are unknown. */
const NAME_KEYS = ['name', 'identifier', 'display_name', 'email', 'template', 'value', 'connection', 'type'];

interface IdLookup {
  get(recorded: string): string | undefined;
  rewriteJson(value: unknown): unknown;
}

export interface Pairing {
  pairs: [recorded: unknown, emulated: unknown][];
  /** Recorded elements with no counterpart. */
  unpaired: unknown[];
}

const record = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

/**
 * Pairs the elements of a recorded list with the emulator's: by mapped id, then by a name-like
 * field, and by position only for elements that carry neither (scopes, callbacks' objects).
 * A recorded element whose id the replay never saw created is left unpaired: it is the recorded
 * tenant's own object, which a fresh emulator cannot have.
 */
export function pairElements(recorded: unknown[], emulated: unknown[], ids: IdLookup): Pairing {
  const pairs: Pairing['pairs'] = [];
  const unpaired: unknown[] = [];
  const free = new Set(emulated.map((_, index) => index));
  const take = (predicate: (candidate: Record<string, unknown>) => boolean): unknown => {
    for (const index of free) {
      const candidate = record(emulated[index]);
      if (candidate && predicate(candidate)) {
        free.delete(index);
        return emulated[index];
      }
    }
    return undefined;
  };
  const anonymous: unknown[] = [];
  for (const element of recorded) {
    const item = record(element);
    if (!item) {
      anonymous.push(element);
      continue;
    }
    const idKey = Object.keys(item).find((key) => isIdKey(key) && typeof item[key] === 'string');
    let match: unknown;
    if (idKey) {
      const mapped = ids.get(item[idKey] as string) ?? item[idKey];
      match = take((candidate) => candidate[idKey] === mapped);
    }
    if (match === undefined) {
      const nameKey = NAME_KEYS.find((key) => typeof item[key] === 'string');
      if (nameKey) {
        const wanted = ids.rewriteJson(item[nameKey]);
        match = take((candidate) => candidate[nameKey] === wanted);
      }
    }
    if (match !== undefined) pairs.push([element, match]);
    else if (idKey || NAME_KEYS.some((key) => typeof item[key] === 'string')) unpaired.push(element);
    else anonymous.push(element);
  }
  // Elements with nothing to recognise them by pair in order with what is left.
  const rest = [...free].sort((a, b) => a - b);
  anonymous.forEach((element, index) => {
    if (index < rest.length) pairs.push([element, emulated[rest[index]]]);
    else unpaired.push(element);
  });
  return { pairs, unpaired };
}
