// Where the tenant keeps the digests of the write-only secrets tenantform wrote, so a plan can
// tell a changed secret from an unchanged one (src/planner/write-only.ts). Like the apply lock
// it is a resource server of tenantform's own (never planned, exported or deleted): its
// scopes are the records, one per secret, `value` naming the slot by a hash of the object's
// address and the field, `description` holding the digest. A record is written only after
// the secret's write succeeded, so a lost run leaves at worst an old digest, and the next plan
// writes the secret again.
//
// The digest is an HMAC-SHA256 of the value. Its key is TENANTFORM_SECRET_DIGEST_KEY when
// set (then the tenant alone does not let anyone test guesses), otherwise a random salt kept
// in the store: whoever can read the tenant's APIs can then test guesses of a secret against
// its digest, which matters only for low-entropy secrets (passwords, not generated keys).

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ApiError, type ManagementClient } from '../api/client.ts';
import type { Address, Change } from '../planner/model.ts';
import { type WriteOnlyDigests, type WriteOnlyFacts, writeOnlySlots } from '../planner/write-only.ts';
import { DIGESTS_IDENTIFIER } from './tenantform-objects.ts';

const NAME = 'tenantform secret digests (do not edit: see docs/safety.md)';
/** The record holding the store's salt (every save carries it). */
export const SALT_SCOPE = 'tenantform:salt';
const DIGEST_PREFIX = 'hmac-sha256:';
export const DIGEST_KEY_VARIABLE = 'TENANTFORM_SECRET_DIGEST_KEY';

interface Scope {
  value: string;
  description: string;
}

/** The tenant's digests as read at the start of a run, and what this run wrote since. */
export class SecretDigestBook implements WriteOnlyDigests {
  private readonly records: Map<string, string>;
  /** Renamed objects (tenantform.moved): new address → the old one their digests are under. */
  private readonly aliases = new Map<Address, Address>();
  private dirty = false;

  private constructor(
    private id: string | undefined,
    private readonly salt: string,
    private readonly key: string,
    scopes: readonly Scope[],
  ) {
    this.records = new Map(
      scopes.filter((s) => s.value !== SALT_SCOPE).map((s) => [s.value, s.description] as const),
    );
  }

  /** Reads the store; a tenant without one has no digests yet (nothing is created until a write). */
  static async read(api: ManagementClient, env: NodeJS.ProcessEnv = process.env): Promise<SecretDigestBook> {
    const raw = await readStore(api);
    const scopes = (raw?.scopes ?? []).filter(
      (s): s is Scope => typeof s?.value === 'string' && typeof s?.description === 'string',
    );
    const salt = scopes.find((s) => s.value === SALT_SCOPE)?.description ?? randomBytes(16).toString('hex');
    const configured = env[DIGEST_KEY_VARIABLE];
    return new SecretDigestBook(raw?.id, salt, configured ? `key:${configured}` : `salt:${salt}`, scopes);
  }

  /** An object this run renames: until it is written, its digests are those of its old address. */
  alias(address: Address, previous: Address): void {
    this.aliases.set(address, previous);
  }

  recorded(address: Address, slot: string): string | undefined {
    return this.records.get(recordName(this.holder(address, slot), slot));
  }

  digestOf(address: Address, slot: string, value: string): string {
    return this.digestAt(this.holder(address, slot), slot, value);
  }

  /** The address whose records hold this slot: a renamed object's old one until it has its own. */
  private holder(address: Address, slot: string): Address {
    const previous = this.aliases.get(address);
    if (previous === undefined || this.records.has(recordName(address, slot))) return address;
    return previous;
  }

  private digestAt(address: Address, slot: string, value: string): string {
    const mac = createHmac('sha256', this.key).update(`${address}\u0000${slot}\u0000${value}`);
    return `${DIGEST_PREFIX}${mac.digest('hex')}`;
  }

  /** After a successful write of the secret. */
  record(address: Address, slot: string, value: string): void {
    const name = recordName(address, slot);
    const digest = this.digestAt(address, slot, value);
    if (this.records.get(name) === digest) return;
    this.records.set(name, digest);
    this.dirty = true;
  }

  /** After the object was deleted (or replaced: its new secrets are recorded next). */
  forget(address: Address): void {
    const prefix = addressPart(address);
    for (const name of this.records.keys()) {
      if (!name.startsWith(prefix)) continue;
      this.records.delete(name);
      this.dirty = true;
    }
  }

  /** After a change succeeded: the write-only secrets it sent are now the tenant's. */
  recordWrites(change: Change, facts: WriteOnlyFacts): void {
    if (change.action === 'delete' || change.action === 'replace') this.forget(change.address);
    if (change.action === 'delete' || !change.desired) return;
    const slots = writeOnlySlots(change.desired, facts);
    // A rename keeps the secrets it does not send: those its old digests vouch for move with it.
    const carried =
      change.movedFrom === undefined
        ? []
        : slots.filter(
            (slot) =>
              this.recorded(change.address, slot.slot) ===
              this.digestOf(change.address, slot.slot, slot.value),
          );
    if (change.movedFrom !== undefined) {
      this.aliases.delete(change.address);
      this.forget(`${change.type}.${change.movedFrom}`);
    }
    for (const slot of slots) {
      const sent = change.action !== 'update' || change.changed.includes(String(slot.path[0]));
      if (sent || carried.includes(slot)) this.record(change.address, slot.slot, slot.value);
    }
  }

  /** Writes what this run recorded; nothing when nothing changed. */
  async save(api: ManagementClient): Promise<void> {
    if (!this.dirty) return;
    const scopes: Scope[] = [
      { value: SALT_SCOPE, description: this.salt },
      ...[...this.records].map(([value, description]) => ({ value, description })),
    ];
    if (this.id) {
      await api.unwrap(
        api.http.PATCH('/resource-servers/{id}', { params: { path: { id: this.id } }, body: { scopes } }),
      );
    } else {
      const created = await api.unwrap(
        api.http.POST('/resource-servers', { body: { identifier: DIGESTS_IDENTIFIER, name: NAME, scopes } }),
      );
      this.id = String((created as { id?: string }).id);
    }
    this.dirty = false;
  }
}

/**
 * A record's scope value: no address or field name in clear, within a scope value's length,
 * and starting with its object's part so that deleting the object finds its records.
 */
function recordName(address: Address, slot: string): string {
  return `${addressPart(address)}${hash(slot).slice(0, 24)}`;
}

function addressPart(address: Address): string {
  return `d:${hash(address).slice(0, 24)}:`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function readStore(
  api: ManagementClient,
): Promise<{ id?: string; scopes?: Partial<Scope>[] } | undefined> {
  try {
    return (await api.unwrap(
      api.http.GET('/resource-servers/{id}', { params: { path: { id: DIGESTS_IDENTIFIER } } }),
    )) as { id?: string; scopes?: Partial<Scope>[] };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
