import type { Json } from '../openapi/document.ts';

export interface StoreSnapshot {
  version: 1;
  /** Secret that signs access tokens, kept so tokens survive a restart with `--data`. */
  signingSecret: string;
  collections: [string, [string, Json][]][];
  singletons: [string, Json][];
}

/**
 * The tenant's contents. Collections are keyed by their concrete path (`/clients`,
 * `/roles/rol_x/permissions`), so sub-collections need no schema of their own; Maps keep
 * insertion order, which is the order lists are returned in.
 */
export class TenantStore {
  readonly collections = new Map<string, Map<string, Json>>();
  readonly singletons = new Map<string, Json>();
  private readonly listeners: (() => void)[] = [];

  constructor(readonly signingSecret: string) {}

  collection(path: string): Map<string, Json> {
    let items = this.collections.get(path);
    if (!items) {
      items = new Map();
      this.collections.set(path, items);
    }
    return items;
  }

  /** The first item of a collection whose `field` equals `value` (a role by name, an API by identifier). */
  findBy(path: string, field: string, value: unknown): Json | undefined {
    for (const item of this.collection(path).values()) if (item[field] === value) return item;
    return undefined;
  }

  /** Drops a collection and every sub-collection below it (a deleted role's permissions). */
  dropBelow(path: string): void {
    for (const key of [...this.collections.keys()]) {
      if (key.startsWith(`${path}/`)) this.collections.delete(key);
    }
    for (const key of [...this.singletons.keys()]) {
      if (key.startsWith(`${path}/`)) this.singletons.delete(key);
    }
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Handlers call this after every mutation; persistence listens. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  snapshot(): StoreSnapshot {
    return {
      version: 1,
      signingSecret: this.signingSecret,
      collections: [...this.collections].map(([path, items]) => [path, [...items]]),
      singletons: [...this.singletons],
    };
  }

  static fromSnapshot(snapshot: StoreSnapshot): TenantStore {
    if (snapshot.version !== 1)
      throw new Error(`unsupported emulator data version ${String(snapshot.version)}`);
    const store = new TenantStore(snapshot.signingSecret);
    for (const [path, items] of snapshot.collections) store.collections.set(path, new Map(items));
    for (const [path, value] of snapshot.singletons) store.singletons.set(path, value);
    return store;
  }
}
