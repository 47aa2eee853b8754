import type { Json } from '../openapi/document.ts';

/** One change to the tenant, as persistence records it; `value` undefined means deleted. */
export type Change =
  | { kind: 'item'; path: string; id: string; value: Json | undefined }
  | { kind: 'collection'; path: string; exists: boolean }
  | { kind: 'singleton'; path: string; value: Json | undefined };

export type ChangeRecorder = (change: Change) => void;

/**
 * Stored objects are frozen, deeply: a handler that changed one in place would change the
 * tenant behind the back of persistence and of the field indexes, so it fails loudly instead
 * (a TypeError in strict mode). Handlers build a new object and `set` it.
 */
function deepFreeze(value: Json): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze(value[key]);
}

/**
 * The items of one collection (`/clients`, `/roles/rol_x/permissions`), keyed by id, in
 * insertion order (the order lists answer in). Beyond a Map it keeps:
 * - an ordered index (ids and their sequence numbers by position), so a page is read in time
 *   proportional to the page, and a checkpoint cursor (the sequence number of the last item
 *   returned) seeks by binary search and survives deletes elsewhere in the list;
 * - field indexes built on first use (`findBy('name', …)`), so creates check conflicts by
 *   lookup rather than by scan;
 * - a record of every change, for persistence.
 */
export class Collection extends Map<string, Json> {
  private readonly ids: string[] = [];
  private readonly seqs: number[] = [];
  private readonly seqOf = new Map<string, number>();
  private nextSeq = 1;
  private readonly indexes = new Map<string, Map<unknown, Set<string>>>();

  constructor(
    readonly path: string,
    private readonly record: ChangeRecorder,
  ) {
    super();
  }

  override set(id: string, value: Json): this {
    deepFreeze(value);
    const existed = super.has(id);
    const previous = super.get(id);
    super.set(id, value);
    if (!existed) {
      const seq = this.nextSeq++;
      this.ids.push(id);
      this.seqs.push(seq);
      this.seqOf.set(id, seq);
    }
    for (const [field, index] of this.indexes) {
      if (existed) unindex(index, fieldOf(previous, field), id);
      addToIndex(index, fieldOf(value, field), id);
    }
    this.record({ kind: 'item', path: this.path, id, value });
    return this;
  }

  override delete(id: string): boolean {
    if (!super.has(id)) return false;
    const previous = super.get(id);
    super.delete(id);
    const position = this.positionAfter(this.seqOf.get(id)!) - 1;
    this.ids.splice(position, 1);
    this.seqs.splice(position, 1);
    this.seqOf.delete(id);
    for (const [field, index] of this.indexes) unindex(index, fieldOf(previous, field), id);
    this.record({ kind: 'item', path: this.path, id, value: undefined });
    return true;
  }

  override clear(): void {
    for (const id of this.ids) this.record({ kind: 'item', path: this.path, id, value: undefined });
    super.clear();
    this.ids.length = 0;
    this.seqs.length = 0;
    this.seqOf.clear();
    for (const index of this.indexes.values()) index.clear();
  }

  /** The item at a position of the insertion order. */
  at(position: number): Json {
    return super.get(this.ids[position]);
  }

  /** A checkpoint cursor for the item at `position`: stable while other items come and go. */
  seqAt(position: number): number {
    return this.seqs[position];
  }

  /** Where the items inserted after the one with sequence number `seq` begin (binary search). */
  positionAfter(seq: number): number {
    let low = 0;
    let high = this.seqs.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.seqs[middle] <= seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The first item, in insertion order, whose `field` equals `value` (`===`). */
  findBy(field: string, value: unknown): Json | undefined {
    const ids = this.indexFor(field).get(value);
    if (!ids || ids.size === 0) return undefined;
    let first: string | undefined;
    for (const id of ids) if (first === undefined || this.seqOf.get(id)! < this.seqOf.get(first)!) first = id;
    return super.get(first!);
  }

  /** Every item whose `field` equals `value`, in insertion order. */
  filterBy(field: string, value: unknown): Json[] {
    const ids = [...(this.indexFor(field).get(value) ?? [])];
    ids.sort((a, b) => this.seqOf.get(a)! - this.seqOf.get(b)!);
    return ids.map((id) => super.get(id));
  }

  private indexFor(field: string): Map<unknown, Set<string>> {
    let index = this.indexes.get(field);
    if (!index) {
      index = new Map();
      for (const [id, value] of super.entries()) addToIndex(index, fieldOf(value, field), id);
      this.indexes.set(field, index);
    }
    return index;
  }
}

/** Singletons by path (`/tenants/settings`): frozen and recorded like collection items. */
export class SingletonMap extends Map<string, Json> {
  constructor(private readonly record: ChangeRecorder) {
    super();
  }

  override set(path: string, value: Json): this {
    deepFreeze(value);
    super.set(path, value);
    this.record({ kind: 'singleton', path, value });
    return this;
  }

  override delete(path: string): boolean {
    if (!super.delete(path)) return false;
    this.record({ kind: 'singleton', path, value: undefined });
    return true;
  }

  override clear(): void {
    for (const path of [...this.keys()]) this.delete(path);
  }
}

const fieldOf = (item: Json, field: string): unknown =>
  item !== null && typeof item === 'object' ? item[field] : undefined;

function addToIndex(index: Map<unknown, Set<string>>, key: unknown, id: string): void {
  let ids = index.get(key);
  if (!ids) {
    ids = new Set();
    index.set(key, ids);
  }
  ids.add(id);
}

function unindex(index: Map<unknown, Set<string>>, key: unknown, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}
