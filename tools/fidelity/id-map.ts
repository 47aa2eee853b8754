import { isIdKey, pairElements } from './pairing.ts';

/** Ids shorter than this are not treated as ids (a `type: "tenant"` is not an id). */
const MIN_ID_LENGTH = 6;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Recorded ids (and the recorded tenant's host) mapped to what the emulator answered in their
 * place, learned by walking both responses; requests are rewritten through it before sending.
 */
export class IdMap {
  private readonly known = new Map<string, string>();
  private pattern: RegExp | undefined;

  constructor(entries: [recorded: string, emulated: string][] = []) {
    for (const [recorded, emulated] of entries) this.set(recorded, emulated);
  }

  set(recorded: string, emulated: string): void {
    if (recorded === emulated || this.known.has(recorded)) return;
    this.known.set(recorded, emulated);
    this.pattern = undefined;
  }

  get(recorded: string): string | undefined {
    return this.known.get(recorded);
  }

  /** True when `value` is a recorded id learned so far (an object this replay created). */
  has(recorded: string): boolean {
    return this.known.has(recorded);
  }

  /** Replaces every known recorded id inside a string, longest first. */
  rewriteText(text: string): string {
    if (this.known.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.known.keys()]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, (match) => this.known.get(match) ?? match);
  }

  rewriteJson(value: unknown): unknown {
    if (typeof value === 'string') return this.rewriteText(value);
    if (Array.isArray(value)) return value.map((item) => this.rewriteJson(item));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewriteJson(v)]));
    return value;
  }

  /** Rewrites each path segment decoded, so an encoded `auth0|…` user id is found too. */
  rewritePath(path: string): string {
    return path
      .split('/')
      .map((segment) => {
        let decoded = segment;
        try {
          decoded = decodeURIComponent(segment);
        } catch {}
        const rewritten = this.rewriteText(decoded);
        return rewritten === decoded ? segment : encodeURIComponent(rewritten);
      })
      .join('/');
  }

  rewriteQuery(query: string): string {
    if (query === '') return query;
    const params = new URLSearchParams(query);
    const rewritten = new URLSearchParams();
    let changed = false;
    for (const [key, value] of params) {
      const next = this.rewriteText(value);
      changed ||= next !== value;
      rewritten.append(key, next);
    }
    return changed ? rewritten.toString() : query;
  }

  /**
   * Walks the recorded and the emulated answer to the same request side by side and maps each
   * recorded id (and checkpoint cursor, `next`) to the emulator's, where the server made it up
   * (it is not in `sent`).
   */
  learn(recorded: unknown, emulated: unknown, sent: string): void {
    if (Array.isArray(recorded) && Array.isArray(emulated)) {
      for (const [r, e] of pairElements(recorded, emulated, this).pairs) this.learn(r, e, sent);
      return;
    }
    if (!isObject(recorded) || !isObject(emulated)) return;
    for (const [key, value] of Object.entries(recorded)) {
      const other = emulated[key];
      if (
        (isIdKey(key) || key === 'next') &&
        typeof value === 'string' &&
        typeof other === 'string' &&
        value.length >= MIN_ID_LENGTH &&
        !sent.includes(other)
      )
        this.set(value, other);
      else this.learn(value, other, sent);
    }
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
