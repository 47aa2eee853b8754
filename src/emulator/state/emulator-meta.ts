import type { TenantStore } from './tenant-store.ts';

/** Where the emulator keeps its own bookkeeping; no route of the API reaches it. */
export const EMULATOR_META = '/__emulator';

export interface EmulatorMeta {
  deployer_client_id: string;
  /**
   * Connections answer `enabled_clients` on every read, as tenants did before the field was
   * deprecated (the older recordings); current tenants answer it on create only.
   */
  legacy_enabled_clients?: boolean;
}

export function metaOf(store: TenantStore): Partial<EmulatorMeta> {
  return store.singletons.get(EMULATOR_META) ?? {};
}

/** Sets bookkeeping fields, writing only when one changes. */
export function updateMeta(store: TenantStore, patch: Partial<EmulatorMeta>): void {
  const meta = metaOf(store);
  if (Object.entries(patch).every(([key, value]) => meta[key as keyof EmulatorMeta] === value)) return;
  store.singletons.set(EMULATOR_META, { ...meta, ...patch });
}
