import type { Json } from '../openapi/document.ts';
import { type Change, Collection, SingletonMap } from './collection.ts';

export type { Change } from './collection.ts';

/**
 * The tenant's contents. Collections are keyed by their concrete path (`/clients`,
 * `/roles/rol_x/permissions`), so sub-collections need no schema of their own. Every change
 * made through `collection(…)` and `singletons` is recorded for persistence; `changed()` ends
 * a batch of them (persistence writes the batch then, before the reply is sent).
 */
export class TenantStore {
  private readonly byPath = new Map<string, Collection>();
  private readonly changeListeners: ((change: Change) => void)[] = [];
  private readonly commitListeners: (() => void)[] = [];
  readonly singletons: Map<string, Json>;

  constructor(readonly signingSecret: string) {
    this.singletons = new SingletonMap((change) => this.record(change));
  }

  /** Every collection by path; read-only, as `collection(path)` is how one comes to exist. */
  get collections(): ReadonlyMap<string, Collection> {
    return this.byPath;
  }

  /** The collection at `path`, created empty on first use. */
  collection(path: string): Collection {
    let items = this.byPath.get(path);
    if (!items) {
      items = new Collection(path, (change) => this.record(change));
      this.byPath.set(path, items);
      this.record({ kind: 'collection', path, exists: true });
    }
    return items;
  }

  /** The first item of a collection whose `field` equals `value` (a role by name, an API by identifier); indexed. */
  findBy(path: string, field: string, value: unknown): Json | undefined {
    return this.byPath.get(path)?.findBy(field, value);
  }

  /** Every item of a collection whose `field` equals `value` (a client's grants); indexed. */
  filterBy(path: string, field: string, value: unknown): Json[] {
    return this.byPath.get(path)?.filterBy(field, value) ?? [];
  }

  /** Drops every sub-collection and singleton below a path (a deleted role's permissions). */
  dropBelow(path: string): void {
    const prefix = `${path}/`;
    for (const key of [...this.byPath.keys()]) if (key.startsWith(prefix)) this.drop(key);
    for (const key of [...this.singletons.keys()]) if (key.startsWith(prefix)) this.singletons.delete(key);
  }

  /** Every change as it happens (persistence queues them). */
  onChange(listener: (change: Change) => void): void {
    this.changeListeners.push(listener);
  }

  /** Every end of a batch of changes (persistence writes the queue). */
  onCommit(listener: () => void): void {
    this.commitListeners.push(listener);
  }

  /** Ends a batch of changes: handlers call it after mutating, the server after every request. */
  changed(): void {
    for (const listener of this.commitListeners) listener();
  }

  /** The whole tenant as the changes that would rebuild it from nothing (what a compacted file holds). */
  *contents(): Generator<Change> {
    for (const [path, items] of this.byPath) {
      yield { kind: 'collection', path, exists: true };
      for (const [id, value] of items) yield { kind: 'item', path, id, value };
    }
    for (const [path, value] of this.singletons) yield { kind: 'singleton', path, value };
  }

  /** Replays one recorded change (loading a file). */
  apply(change: Change): void {
    switch (change.kind) {
      case 'collection':
        if (change.exists) this.collection(change.path);
        else this.drop(change.path);
        return;
      case 'item':
        if (change.value === undefined) this.byPath.get(change.path)?.delete(change.id);
        else this.collection(change.path).set(change.id, change.value);
        return;
      case 'singleton':
        if (change.value === undefined) this.singletons.delete(change.path);
        else this.singletons.set(change.path, change.value);
        return;
    }
  }

  private drop(path: string): void {
    if (!this.byPath.delete(path)) return;
    this.record({ kind: 'collection', path, exists: false });
  }

  private record(change: Change): void {
    for (const listener of this.changeListeners) listener(change);
  }
}
