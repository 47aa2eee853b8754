// The apply lock, held in the tenant itself (there is no state file to lock). It is a resource
// server with a fixed identifier: the Management API answers a second create of the same
// identifier with 409, so acquiring is one atomic request, and two applies started together
// cannot both hold it. Its name says who holds it and until when; a holder renews it while it
// runs, an expired one is taken over, and `tenantform unlock` breaks a stale one.

import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { ApiError, ApiNetworkError, type ManagementClient } from '../api/client.ts';
import { LOCK_IDENTIFIER } from './tenantform-objects.ts';

const NAME_PREFIX = 'tenantform apply lock';
/** Past this a lock nobody renewed is stale; a holder renews it every quarter of it. */
export const DEFAULT_LOCK_TTL_MS = 10 * 60_000;

export interface LockOwner {
  host: string;
  pid: number;
  user: string;
  /** Distinguishes two runs of one process (and recognises our own lock after a lost response). */
  run: string;
  since: string;
  expires: string;
}

export interface HeldLock {
  owner: LockOwner;
  /** Deletes the lock (once; later calls do nothing). */
  release(): Promise<void>;
}

export class TenantLockedError extends Error {
  override readonly name = 'TenantLockedError';
  constructor(readonly holder: LockOwner | undefined) {
    super(
      `another apply holds this tenant's lock: ${holder ? describeOwner(holder) : 'its holder is unreadable'}. ` +
        'Wait for it to finish. If that run is gone (killed, its machine lost), break the lock with ' +
        '`tenantform unlock`; it also expires by itself if nobody renews it.',
    );
  }
}

export function describeOwner(owner: LockOwner): string {
  return `${owner.user}@${owner.host}, pid ${owner.pid}, run ${owner.run}, since ${owner.since}, expires ${owner.expires}`;
}

export interface AcquireOptions {
  ttlMs?: number;
  now?: () => number;
  /** Who this run is; default this process on this machine. */
  owner?: Pick<LockOwner, 'host' | 'pid' | 'user'>;
}

export async function acquireTenantLock(
  api: ManagementClient,
  options: AcquireOptions = {},
): Promise<HeldLock> {
  const ttlMs = options.ttlMs ?? DEFAULT_LOCK_TTL_MS;
  const now = options.now ?? Date.now;
  const self = options.owner ?? thisProcess();
  const run = randomBytes(4).toString('hex');
  const ownerAt = (since: number): LockOwner => ({
    ...self,
    run,
    since: new Date(since).toISOString(),
    expires: new Date(now() + ttlMs).toISOString(),
  });
  const since = now();
  let owner = ownerAt(since);
  let id: string | undefined;
  for (let attempt = 1; !id; attempt++) {
    const created = await tryCreate(api, owner);
    if (typeof created === 'string') {
      id = created;
      break;
    }
    const existing = await readTenantLock(api);
    if (existing?.owner?.run === run) {
      // Our own create went through but its answer was lost.
      id = existing.id;
    } else if (existing?.owner && Date.parse(existing.owner.expires) < now()) {
      // Stale: delete exactly that lock (by its id, so a fresh one someone took meanwhile is
      // left alone) and try again; whoever wins that create holds it.
      await deleteLock(api, existing.id);
      owner = ownerAt(since);
    } else if (existing) {
      throw new TenantLockedError(existing.owner);
    } else if (created === undefined) {
      // Released between our create and our read: try again, a few times.
      if (attempt >= 3) throw new TenantLockedError(undefined);
    } else {
      // No lock there: our create failed without effect. It is repeated as any create is,
      // within the run's retries (a fault here must not read as "the tenant is locked").
      const reason = created instanceof ApiError ? String(created.status) : 'network';
      if (!(await api.repeatChecked(created, attempt, reason))) throw created;
    }
  }

  const lockId = id;
  const renew = setInterval(() => {
    owner = ownerAt(since);
    void api
      .unwrap(
        api.http.PATCH('/resource-servers/{id}', {
          params: { path: { id: lockId } },
          body: { name: nameOf(owner) },
        }),
      )
      .catch(() => {});
  }, ttlMs / 4);
  renew.unref();
  let released = false;
  return {
    get owner() {
      return owner;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(renew);
      await deleteLock(api, lockId);
    },
  };
}

/** The lock as it is in the tenant, if there is one (owner undefined when its name is not ours). */
export async function readTenantLock(
  api: ManagementClient,
): Promise<{ id: string; owner: LockOwner | undefined } | undefined> {
  try {
    const raw = await api.unwrap(
      api.http.GET('/resource-servers/{id}', { params: { path: { id: LOCK_IDENTIFIER } } }),
    );
    const record = raw as { id?: string; name?: string };
    return { id: String(record.id), owner: parseName(record.name ?? '') };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** `tenantform unlock`: deletes whatever lock there is; answers whose it was. */
export async function breakTenantLock(
  api: ManagementClient,
): Promise<{ owner: LockOwner | undefined } | undefined> {
  const existing = await readTenantLock(api);
  if (!existing) return undefined;
  await deleteLock(api, existing.id);
  return { owner: existing.owner };
}

/**
 * The new lock's id; undefined when there is one already (409); the error when the answer was
 * lost (5xx, no response), so the caller reads the lock to learn whether the create happened.
 */
async function tryCreate(
  api: ManagementClient,
  owner: LockOwner,
): Promise<string | undefined | ApiError | ApiNetworkError> {
  try {
    const created = await api.unwrap(
      api.http.POST('/resource-servers', { body: { identifier: LOCK_IDENTIFIER, name: nameOf(owner) } }),
    );
    return String((created as { id?: string }).id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return undefined;
    if (error instanceof ApiError && error.status === 403) {
      throw new Error(
        `apply takes a lock in the tenant (the resource server ${LOCK_IDENTIFIER}), and the credentials ` +
          `may not create it (${error.summary}); grant create:resource_servers and delete:resource_servers`,
      );
    }
    if (error instanceof ApiError && error.status >= 500) return error;
    if (error instanceof ApiNetworkError) return error;
    throw error;
  }
}

async function deleteLock(api: ManagementClient, id: string): Promise<void> {
  try {
    await api.unwrap(api.http.DELETE('/resource-servers/{id}', { params: { path: { id } } }));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) throw error;
  }
}

function thisProcess(): Pick<LockOwner, 'host' | 'pid' | 'user'> {
  let user = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {}
  return { host: hostname(), pid: process.pid, user };
}

// The name is the only free text a resource server has: `key=value` pairs, within its
// 200 characters and without the `<` `>` it refuses.
const FIELDS = ['user', 'host', 'pid', 'run', 'since', 'expires'] as const;

function nameOf(owner: LockOwner): string {
  const clean = (value: string, max: number) => value.replace(/[<>;=\s]/g, '_').slice(0, max);
  return [
    NAME_PREFIX,
    `user=${clean(owner.user, 32)}`,
    `host=${clean(owner.host, 48)}`,
    `pid=${owner.pid}`,
    `run=${clean(owner.run, 16)}`,
    `since=${owner.since}`,
    `expires=${owner.expires}`,
  ].join('; ');
}

function parseName(name: string): LockOwner | undefined {
  if (!name.startsWith(NAME_PREFIX)) return undefined;
  const pairs = new Map(
    name
      .split('; ')
      .slice(1)
      .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as const),
  );
  if (!FIELDS.every((f) => pairs.has(f))) return undefined;
  return {
    user: pairs.get('user')!,
    host: pairs.get('host')!,
    pid: Number(pairs.get('pid')),
    run: pairs.get('run')!,
    since: pairs.get('since')!,
    expires: pairs.get('expires')!,
  };
}
