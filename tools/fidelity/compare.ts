import { isObject } from './id-map.ts';
import { isIdKey, pairElements } from './pairing.ts';

interface IdLookup {
  get(recorded: string): string | undefined;
  has(recorded: string): boolean;
  rewriteJson(value: unknown): unknown;
}

export interface FieldCount {
  /** Fields (object keys, at every depth) in the recorded answer. */
  recorded: number;
  /** Of those, present in the emulator's answer. */
  returned: number;
  /** Paths of the missing ones, e.g. `signing_keys`, `[].options.mfa`. */
  missing: string[];
  /** Recorded list elements left out as the recorded tenant's own objects. */
  tenantState: number;
}

/** Object keys at every depth of a value, counting list elements' keys. */
function fieldsIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + fieldsIn(item), 0);
  if (!isObject(value)) return 0;
  return Object.values(value).reduce<number>((sum, item) => sum + 1 + fieldsIn(item), 0);
}

/** An unpaired recorded element is missing if this replay created it (or it has no id at all). */
function createdHere(element: unknown, ids: IdLookup): boolean {
  if (!isObject(element)) return true;
  const idKey = Object.keys(element).find((key) => isIdKey(key) && typeof element[key] === 'string');
  return idKey === undefined || ids.has(element[idKey] as string);
}

/** Which of the recorded answer's fields the emulator's answer has too. */
export function compareFields(recorded: unknown, emulated: unknown, ids: IdLookup): FieldCount {
  const count: FieldCount = { recorded: 0, returned: 0, missing: [], tenantState: 0 };
  const walk = (r: unknown, e: unknown, path: string) => {
    if (Array.isArray(r)) {
      if (!Array.isArray(e)) {
        const n = fieldsIn(r);
        count.recorded += n;
        if (n > 0) count.missing.push(`${path || '.'} (not a list)`);
        return;
      }
      const { pairs, unpaired } = pairElements(r, e, ids);
      for (const [re, ee] of pairs) walk(re, ee, `${path}[]`);
      for (const element of unpaired) {
        if (!createdHere(element, ids)) {
          count.tenantState++;
          continue;
        }
        const n = fieldsIn(element);
        count.recorded += n;
        if (n > 0) count.missing.push(`${path}[] (element missing)`);
      }
      return;
    }
    if (!isObject(r)) return;
    const other = isObject(e) ? e : undefined;
    for (const [key, value] of Object.entries(r)) {
      const here = path ? `${path}.${key}` : key;
      count.recorded++;
      if (other && key in other) {
        count.returned++;
        walk(value, other[key], here);
      } else {
        count.missing.push(here);
        count.recorded += fieldsIn(value);
      }
    }
  };
  walk(recorded, emulated, '');
  return count;
}

export interface EchoCount {
  /** Values the request wrote that the real API's answer repeated unchanged. */
  written: number;
  /** Of those, repeated unchanged by the emulator too. */
  echoed: number;
  differing: string[];
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/**
 * For each value the recorded request wrote (leaves: scalars, lists, empty objects) that the real
 * API echoed back unchanged, whether the emulator echoed the value it was sent.
 */
export function compareEchoes(
  recordedRequest: unknown,
  sentRequest: unknown,
  recordedResponse: unknown,
  emulatedResponse: unknown,
): EchoCount {
  const count: EchoCount = { written: 0, echoed: 0, differing: [] };
  const walk = (written: unknown, sent: unknown, r: unknown, e: unknown, path: string) => {
    if (isObject(written) && Object.keys(written).length > 0) {
      if (!isObject(r)) return;
      const sentObject = isObject(sent) ? sent : {};
      const emulatedObject = isObject(e) ? e : {};
      for (const [key, value] of Object.entries(written))
        if (key in r)
          walk(value, sentObject[key], r[key], emulatedObject[key], path ? `${path}.${key}` : key);
      return;
    }
    if (!sameJson(written, r)) return;
    count.written++;
    if (sameJson(sent, e)) count.echoed++;
    else count.differing.push(path);
  };
  walk(recordedRequest, sentRequest, recordedResponse, emulatedResponse, '');
  return count;
}
